import type { NextFunction, Request, Response } from 'express';
import { DEPOSIT_FIELDS, DEPOSIT_MAX_LENGTH, authorsText, type DepositField } from '../../domain/deposit/deposit-form.js';
import { DEPOSIT_LICENCES, DEPOSIT_TYPES, DEPOSIT_VERSIONS, type DepositMetadata } from '../../domain/deposit/deposit.js';
import { usedMb } from '../../domain/deposit/deposit-limits.js';
import type { AttachResult, DepositLine, DepositService, FileResult, SaveResult } from '../../services/deposit/deposit-service.js';
import { formFailureMessage, readFields, type FormFailure } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { readUpload, type UploadFields } from '../http/multipart-upload.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { sendStoredFile } from '../http/stored-file.js';
import {
  DEPOSIT_FIELD_LABEL,
  LICENCE_TEXT,
  TYPE_TEXT,
  UPLOAD_FAILURE,
  VERSION_TEXT,
  historyLines,
  pager,
  problemErrors,
  returnReason,
  statusText,
} from './deposit-labels.js';

/** Twice the longest each field may be: the rules say precisely (deposit-form.ts), with every problem at once. */
const READ_LIMITS = Object.fromEntries(DEPOSIT_FIELDS.map((f) => [f, DEPOSIT_MAX_LENGTH[f] * 2])) as Record<DepositField, number>;

type Errors = Partial<Record<DepositField | 'file' | 'agreement', string[]>>;

/** The description typed in the same form as the file, saved before a byte of the file is read. */
type DescriptionStep =
  /** The form carried the file alone. */
  | { kind: 'none' }
  /** A field sent twice or far too long: nothing saved. */
  | { kind: 'unreadable'; failure: FormFailure<DepositField> }
  | { kind: 'done'; result: SaveResult; values: Record<DepositField, string> };

/** What the form with a file came to: its description, then (once that was saved) its file. */
interface UploadStep {
  description: DescriptionStep;
  attached?: AttachResult;
}

interface PageView {
  values?: Partial<Record<DepositField, string>>;
  errors?: Errors;
  alert?: string;
}

/** The form's values from what is stored. */
export function formValues(m: DepositMetadata): Record<DepositField, string> {
  return {
    title: m.title,
    authors: authorsText(m.authors),
    type: m.type ?? '',
    year: m.year === null ? '' : String(m.year),
    venue: m.venue,
    doi: m.doi ?? '',
    abstract: m.abstract,
    keywords: m.keywords,
    version: m.version ?? '',
    licence: m.licence ?? '',
    embargo_until: m.embargoUntil ?? '',
  };
}

/** The choices of the form's three lists, in words. */
export function formChoices(t: Response['locals']['t']) {
  return {
    type: DEPOSIT_TYPES.map((value) => ({ value, text: t(TYPE_TEXT[value]) })),
    version: DEPOSIT_VERSIONS.map((value) => ({ value, text: t(VERSION_TEXT[value]) })),
    licence: DEPOSIT_LICENCES.map((value) => ({ value, text: t(LICENCE_TEXT[value]) })),
  };
}

/** Sends a stored PDF as a download, under a name of ours (why a download: stored-file.ts). */
export function sendPdf(res: Response, file: Extract<FileResult, { kind: 'file' }>): void {
  sendStoredFile(res, file, { type: 'application/pdf', filename: `deposit-${file.id}.pdf` });
}

/** Institutional Research Archive Online Submission, for the author: the list, a deposit's page, its three forms, its file. */
export function createDepositController(deps: {
  deposits: DepositService;
  uploadMaxMb: number;
  validFormToken: (req: Request, token: string) => boolean;
  invalidTokenError: () => Error;
}) {
  const { deposits } = deps;
  const maxBytes = deps.uploadMaxMb * 1024 * 1024;

  /** "You have 2 of 5 drafts; 12 MB of 200 MB used.": where the patron stands against the limits. */
  function limitsText(res: Response): string {
    const usage = deposits.usageOf(res.locals.patron!);
    return res.locals.t('deposit.limits', {
      drafts: usage.drafts,
      draftsAllowed: usage.draftsAllowed,
      usedMb: usedMb(usage),
      storageMb: usage.storageMb,
    });
  }

  function renderList(req: Request, res: Response, status: number, alert?: string) {
    const { t } = res.locals;
    const patron = res.locals.patron!;
    const list = deposits.listOf(patron, wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1);
    res.status(status).render('deposit/list', {
      limitsText: list.rules.mayDeposit ? limitsText(res) : '',
      mayDeposit: list.rules.mayDeposit,
      total: list.total,
      deposits: list.deposits.map((d) => ({
        id: d.id,
        title: d.metadata.title,
        statusText: statusText(d.status, t),
        status: d.status,
        createdAt: d.createdAt,
        editable: d.editable,
        history: historyLines(d.history, res.locals),
      })),
      ...pager(list.page, list.pages, (page) => `/myrecord/deposits?page=${page}`),
      notice: takeNotice(req, t),
      alert,
    });
  }

  function renderDeposit(req: Request, res: Response, status: number, deposit: DepositLine, view: PageView = {}) {
    const { t } = res.locals;
    const rules = deposits.rulesOf(res.locals.patron!);
    res.status(status).render('deposit/edit', {
      d: deposit,
      title: deposit.metadata.title,
      statusText: statusText(deposit.status, t),
      editable: deposit.editable && rules.mayDeposit,
      mayDeposit: rules.mayDeposit,
      embargoMaxYears: rules.embargoMaxYears,
      returnReason: returnReason(deposit.status, deposit.history),
      history: historyLines(deposit.history, res.locals),
      choices: formChoices(t),
      labels: DEPOSIT_FIELD_LABEL,
      typeText: deposit.metadata.type ? t(TYPE_TEXT[deposit.metadata.type]) : '',
      versionText: deposit.metadata.version ? t(VERSION_TEXT[deposit.metadata.version]) : '',
      licenceText: deposit.metadata.licence ? t(LICENCE_TEXT[deposit.metadata.licence]) : '',
      uploadMaxMb: deps.uploadMaxMb,
      limitsText: rules.mayDeposit ? limitsText(res) : '',
      notice: takeNotice(req, t),
      alert: undefined,
      ...view,
      values: view.values ?? formValues(deposit.metadata),
      errors: view.errors ?? {},
    });
  }

  /** The patron's own deposit from the URL, or a 404 page (another patron's too). */
  function ownFromUrl(req: Request, res: Response): DepositLine | undefined {
    const id = wholeNumber(req.params.id, ROW_ID);
    const deposit = id === undefined ? undefined : deposits.ownDeposit(res.locals.patron!, id);
    if (!deposit) renderNotFound(res);
    return deposit;
  }

  /** Under review or decided: the page again with why nothing changed (409). */
  function notEditable(req: Request, res: Response, deposit: DepositLine) {
    renderDeposit(req, res, 409, deposit, {
      alert: res.locals.t('deposit.notEditable', { status: statusText(deposit.status, res.locals.t) }),
    });
  }

  function answerUpload(req: Request, res: Response, deposit: DepositLine, result: AttachResult, withDescription: boolean) {
    const { t } = res.locals;
    switch (result.kind) {
      case 'stored':
        setNotice(req, withDescription ? 'deposit.savedWithFile' : result.replaced ? 'deposit.fileReplaced' : 'deposit.fileStored', {
          size: res.locals.formatFileSize(result.size),
          sha256: result.sha256,
        });
        return res.redirect(303, `/myrecord/deposits/${deposit.id}`);
      case 'not-found':
        return renderNotFound(res);
      case 'not-for-type':
        return renderList(req, res, 422, t('deposit.notForType'));
      case 'not-editable':
        return notEditable(req, res, deposits.ownDeposit(res.locals.patron!, deposit.id) ?? deposit);
      case 'over-storage': {
        const message = t('deposit.limit.storage', { storageMb: result.storageMb });
        return renderDeposit(req, res, 422, deposit, { alert: message, errors: { file: [message] } });
      }
      case 'upload-failed': {
        const failure = UPLOAD_FAILURE[result.failure];
        const message = t(failure.key, { max: deps.uploadMaxMb });
        return renderDeposit(req, res, failure.status, deposit, { alert: message, errors: { file: [message] } });
      }
    }
  }

  /** "Save draft" answered: its notice, or the page again with what stopped it; `fileErrors` when a chosen file was not kept. */
  function answerSave(
    req: Request,
    res: Response,
    deposit: DepositLine,
    result: SaveResult,
    values: Record<DepositField, string>,
    fileErrors?: string[],
  ) {
    const { t } = res.locals;
    switch (result.kind) {
      case 'saved':
        setNotice(req, 'deposit.saved');
        return res.redirect(303, `/myrecord/deposits/${deposit.id}`);
      case 'not-found':
        return renderNotFound(res);
      case 'not-for-type':
        return renderList(req, res, 422, t('deposit.notForType'));
      case 'not-editable':
        return notEditable(req, res, deposit);
      case 'invalid':
        return renderDeposit(req, res, 422, deposit, {
          values,
          errors: { ...problemErrors(result.problems, res.locals), ...(fileErrors && { file: fileErrors }) },
          alert: t('deposit.notSaved'),
        });
    }
  }

  /** The description fields of an upload's form saved, or why not; none sent is 'none' (the file alone). */
  function saveDescription(res: Response, id: number, fields: UploadFields): DescriptionStep {
    if (!DEPOSIT_FIELDS.some((name) => Object.hasOwn(fields, name))) return { kind: 'none' };
    const form = readFields(fields, DEPOSIT_FIELDS, READ_LIMITS);
    if (!form.ok) return { kind: 'unreadable', failure: form };
    return { kind: 'done', values: form.values, result: deposits.save(res.locals.patron!, id, form.values) };
  }

  /** The description of an upload's form that was not saved: the page again, saying the file was not kept either. */
  function answerDescription(req: Request, res: Response, deposit: DepositLine, step: DescriptionStep, fileChosen: boolean) {
    const { t } = res.locals;
    const fileErrors = fileChosen ? [t('deposit.fileNotKept')] : undefined;
    if (step.kind === 'unreadable')
      return renderDeposit(req, res, 422, deposit, {
        alert: formFailureMessage(step.failure, t, DEPOSIT_FIELD_LABEL),
        errors: fileErrors && { file: fileErrors },
      });
    if (step.kind === 'done') return answerSave(req, res, deposit, step.result, step.values, fileErrors);
  }

  return {
    list(req: Request, res: Response) {
      renderList(req, res, 200);
    },

    /** POST /myrecord/deposits: a new draft, then its page. */
    create(req: Request, res: Response) {
      const result = deposits.create(res.locals.patron!);
      if (result.kind === 'not-for-type') return renderList(req, res, 422, res.locals.t('deposit.notForType'));
      if (result.kind === 'drafts-full')
        return renderList(req, res, 422, res.locals.t('deposit.limit.drafts', { allowed: result.draftsAllowed }));
      setNotice(req, 'deposit.created');
      res.redirect(303, `/myrecord/deposits/${result.id}`);
    },

    show(req: Request, res: Response) {
      const deposit = ownFromUrl(req, res);
      if (deposit) renderDeposit(req, res, 200, deposit);
    },

    /** "Save draft": the whole description, or nothing and every problem beside its field. */
    save(req: Request, res: Response) {
      const { t } = res.locals;
      const deposit = ownFromUrl(req, res);
      if (!deposit) return;
      const form = readFields(req.body, DEPOSIT_FIELDS, READ_LIMITS);
      if (!form.ok) return renderDeposit(req, res, 422, deposit, { alert: formFailureMessage(form, t, DEPOSIT_FIELD_LABEL) });
      answerSave(req, res, deposit, deposits.save(res.locals.patron!, deposit.id, form.values), form.values);
    },

    /**
     * POST /myrecord/deposits/:id/file, multipart: `_csrf`, the description's fields (the page's
     * form has them with the file, so what the author typed is saved with the PDF he chose, not
     * lost), then `file`. The guards checked the session; the token is checked before the file is
     * read (multipart-upload.ts). The description is saved first, whole or not at all: one with
     * problems keeps the file out too, and the page shows both beside their fields. Then whether
     * the deposit may take a file is checked before a byte of it is stored. Without a file chosen
     * the description alone is saved; the file alone (no description fields) is stored as it is.
     */
    async upload(req: Request, res: Response, next: NextFunction) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      const patron = res.locals.patron!;
      const outcome = await readUpload(req, {
        fileField: 'file',
        maxBytes,
        validToken: (token) => deps.validFormToken(req, token),
        fields: READ_LIMITS,
        onFile: async (file, fields): Promise<UploadStep> => {
          if (id === undefined) return { description: { kind: 'none' }, attached: { kind: 'not-found' } };
          const description = saveDescription(res, id, fields);
          if (description.kind === 'unreadable' || (description.kind === 'done' && description.result.kind !== 'saved'))
            return { description };
          return { description, attached: await deposits.attachFile(patron, id, file) };
        },
      });
      if (outcome.kind === 'csrf') return next(deps.invalidTokenError());
      if (outcome.kind === 'no-file' && id !== undefined) {
        const description = saveDescription(res, id, outcome.fields);
        const deposit = deposits.ownDeposit(patron, id);
        if (!deposit) return renderNotFound(res);
        if (description.kind === 'done') return answerSave(req, res, deposit, description.result, description.values);
        if (description.kind === 'unreadable') return answerDescription(req, res, deposit, description, false);
      }
      const deposit = id === undefined ? undefined : deposits.ownDeposit(patron, id);
      if (!deposit) return renderNotFound(res);
      switch (outcome.kind) {
        case 'too-large': {
          const message = t('upload.tooLarge', { max: deps.uploadMaxMb });
          return renderDeposit(req, res, 413, deposit, { alert: message, errors: { file: [message] } });
        }
        case 'no-file':
          return renderDeposit(req, res, 422, deposit, {
            alert: t('upload.noFile'),
            errors: { file: [t('upload.noFile')] },
          });
        case 'malformed':
          return renderDeposit(req, res, 400, deposit, { alert: t('upload.malformed') });
        case 'handled': {
          const { description, attached } = outcome.value;
          if (!attached) return answerDescription(req, res, deposit, description, true);
          return answerUpload(req, res, deposit, attached, description.kind === 'done');
        }
      }
    },

    /** "Submit for review": the agreement ticked, and nothing the record needs missing. */
    submit(req: Request, res: Response) {
      const { t } = res.locals;
      const deposit = ownFromUrl(req, res);
      if (!deposit) return;
      const form = readFields(req.body, ['agreement'], { agreement: 20 });
      const agreed = form.ok && form.values.agreement !== '';
      const result = deposits.submit(res.locals.patron!, deposit.id, agreed);
      switch (result.kind) {
        case 'submitted':
          setNotice(req, 'deposit.submitted', { title: result.title });
          return res.redirect(303, '/myrecord/deposits');
        case 'not-found':
          return renderNotFound(res);
        case 'not-for-type':
          return renderList(req, res, 422, t('deposit.notForType'));
        case 'not-editable':
          return notEditable(req, res, deposit);
        case 'incomplete': {
          const errors: Errors = problemErrors(result.problems, res.locals);
          if (result.noFile) errors.file = [t('deposit.problem.FILE_REQUIRED')];
          if (result.noAgreement) errors.agreement = [t('deposit.problem.AGREEMENT_REQUIRED')];
          return renderDeposit(req, res, 422, deposit, { errors, alert: t('deposit.notSubmitted') });
        }
      }
    },

    /** The author's own PDF, to check what was sent. */
    async file(req: Request, res: Response) {
      const id = wholeNumber(req.params.id, ROW_ID);
      const result = id === undefined ? ({ kind: 'not-found' } as const) : await deposits.ownFile(res.locals.patron!, id);
      if (result.kind !== 'file') return renderNotFound(res);
      sendPdf(res, result);
    },
  };
}
