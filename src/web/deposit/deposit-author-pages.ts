/**
 * The author's two pages (the list, a deposit with its forms) as every author flow renders them,
 * and the answers those flows share: a deposit that cannot change now, and "Save draft" answered.
 */
import type { Request, Response } from 'express';
import type { DepositField } from '../../domain/deposit/deposit-form.js';
import { usedMb } from '../../domain/deposit/deposit-limits.js';
import type { DepositAuthorService, SaveResult } from '../../services/deposit/deposit-author-service.js';
import type { DepositLine } from '../../services/deposit/deposit-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';
import { formChoices, formValues } from './deposit-form-view.js';
import {
  DEPOSIT_FIELD_LABEL,
  LICENCE_TEXT,
  TYPE_TEXT,
  VERSION_TEXT,
  historyLines,
  pager,
  problemErrors,
  returnReason,
  statusText,
} from './deposit-labels.js';

export type DepositErrors = Partial<Record<DepositField | 'file' | 'agreement', string[]>>;

export interface DepositPageView {
  values?: Partial<Record<DepositField, string>>;
  errors?: DepositErrors;
  alert?: string;
}

export type DepositAuthorPages = ReturnType<typeof createDepositAuthorPages>;

export function createDepositAuthorPages(deps: { authors: DepositAuthorService; uploadMaxMb: number }) {
  const { authors } = deps;

  /** "You have 2 of 5 drafts; 12 MB of 200 MB used.": where the patron stands against the limits. */
  function limitsText(res: Response): string {
    const usage = authors.usageOf(res.locals.patron!);
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
    const list = authors.listOf(patron, wholeNumber(req.query.page, { min: 1, max: 1_000_000 }) ?? 1);
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

  function renderDeposit(req: Request, res: Response, status: number, deposit: DepositLine, view: DepositPageView = {}) {
    const { t } = res.locals;
    const rules = authors.rulesOf(res.locals.patron!);
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

  /** Under review or decided: the page again with why nothing changed (409). */
  function notEditable(req: Request, res: Response, deposit: DepositLine) {
    renderDeposit(req, res, 409, deposit, {
      alert: res.locals.t('deposit.notEditable', { status: statusText(deposit.status, res.locals.t) }),
    });
  }

  return {
    renderList,
    renderDeposit,
    notEditable,

    /** The patron's own deposit from the URL, or a 404 page (another patron's too). */
    ownFromUrl(req: Request, res: Response): DepositLine | undefined {
      const id = wholeNumber(req.params.id, ROW_ID);
      const deposit = id === undefined ? undefined : authors.ownDeposit(res.locals.patron!, id);
      if (!deposit) renderNotFound(res);
      return deposit;
    },

    /** "Save draft" answered: its notice, or the page again with what stopped it; `fileErrors` when a chosen file was not kept. */
    answerSave(
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
    },
  };
}
