import type { Request, Response } from 'express';
import { isIllStatus } from '../../domain/ill/ill-request.js';
import {
  isStaffStatus,
  LENDER_MAX_LENGTH,
  REASON_MAX_LENGTH,
  type StatusFormField,
  type StatusProblemCode,
} from '../../domain/ill/ill-status-flow.js';
import type { MessageKey } from '../../messages/index.js';
import type { IllQueueService } from '../../services/ill/ill-queue-service.js';
import type { StaffActor } from '../../services/ill/ill-change-notes.js';
import { clientAddress } from '../http/client-address.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { renderNotFound } from '../middleware/error-pages.js';
import { ROW_ID, wholeNumber } from '../http/query-params.js';
import { setNotice } from '../session/session-helpers.js';
import { statusText } from './ill-labels.js';
import { createStaffIllQueuePage } from './staff-ill-queue-page.js';

const STATUS_PROBLEM: Record<StatusProblemCode, MessageKey> = {
  STATUS_NOT_NEXT: 'staffIll.problem.STATUS_NOT_NEXT',
  LENDER_REQUIRED: 'staffIll.problem.LENDER_REQUIRED',
  LENDER_TOO_LONG: 'staffIll.problem.LENDER_TOO_LONG',
  DUE_DATE_REQUIRED: 'staffIll.problem.DUE_DATE_REQUIRED',
  DUE_DATE_MALFORMED: 'staffIll.problem.DUE_DATE_MALFORMED',
  DUE_DATE_PAST: 'staffIll.problem.DUE_DATE_PAST',
  REASON_REQUIRED: 'staffIll.problem.REASON_REQUIRED',
  REASON_TOO_LONG: 'staffIll.problem.REASON_TOO_LONG',
};

const STATUS_LABELS: Record<StatusFormField | 'seen', MessageKey> = {
  status: 'staffIll.newStatus',
  lender: 'staffIll.lender',
  due_date: 'staffIll.dueDate',
  reason: 'staffIll.reason',
  seen: 'staffIll.newStatus',
};

/** The ILL staff queue: requests by status, and a form for each one's next status (the copy's upload is staff-ill-copy-controller.ts). */
export function createStaffIllController(deps: { ill: IllQueueService; uploadMaxMb: number }) {
  const { ill } = deps;
  const { render: renderQueue, backToQueue, statusOf } = createStaffIllQueuePage(deps);
  const actor = (req: Request, res: Response): StaffActor => ({ staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) });

  return {
    show(req: Request, res: Response) {
      renderQueue(req, res, 200);
    },

    changeStatus(req: Request, res: Response) {
      const { t } = res.locals;
      const id = wholeNumber(req.params.id, ROW_ID);
      if (id === undefined) return renderNotFound(res);
      const form = readFields(req.body, ['status', 'lender', 'due_date', 'reason', 'seen'], {
        lender: LENDER_MAX_LENGTH * 2,
        reason: REASON_MAX_LENGTH * 2,
      });
      if (!form.ok) return renderQueue(req, res, 422, { alert: formFailureMessage(form, t, STATUS_LABELS), formFor: id });
      const { values } = form;
      if (!isStaffStatus(values.status)) {
        if (!ill.statusOf(id)) return renderNotFound(res);
        const message = t('staffIll.problem.STATUS_NOT_NEXT', { status: statusOf(id, t) });
        return renderQueue(req, res, 422, { alert: t('staffIll.notChanged', { id }), formFor: id, errors: { status: [message] }, values });
      }
      const seen = isIllStatus(values.seen) ? values.seen : undefined;
      const result = ill.changeStatus(
        actor(req, res),
        id,
        { status: values.status, lender: values.lender, dueDate: values.due_date, reason: values.reason },
        seen,
      );
      switch (result.kind) {
        case 'not-found':
          return renderNotFound(res);
        case 'moved-on':
          setNotice(req, 'staffIll.movedOn', { title: result.title });
          return backToQueue(req, res, id);
        case 'invalid': {
          const errors: Partial<Record<StatusFormField, string[]>> = {};
          for (const p of result.problems) {
            const max = p.field === 'lender' ? LENDER_MAX_LENGTH : REASON_MAX_LENGTH;
            (errors[p.field] ??= []).push(t(STATUS_PROBLEM[p.code], { status: statusText(result.request.status, t, 'staff'), max }));
          }
          return renderQueue(req, res, 422, { alert: t('staffIll.notChanged', { id }), formFor: id, errors, values });
        }
        case 'changed':
          setNotice(req, 'staffIll.changed', { id, title: result.title, status: statusText(result.status, t, 'staff') });
          return backToQueue(req, res, id);
      }
    },
  };
}
