/**
 * What every change staff make to an interlibrary loan request leaves behind (docs/rules.md §8): a step in
 * its history, a line in the audit log (who, when, for whom, from where), and a mail to the patron in his language. Written in the change's own transaction (history and
 * audit); the mail goes once it is committed.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AuditAction } from '../../domain/staff/audit-action.js';
import type { IllRequestView } from '../../db/ill/ill-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { IllStatus } from '../../domain/ill/ill-request.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { PatronNotices } from '../mail/patron-notices.js';

/** Each status in words, for the patron's page, the staff queue and the mail. */
export const ILL_STATUS_TEXT: Record<IllStatus, MessageKey> = {
  submitted: 'ill.status.submitted',
  sent: 'ill.status.sent',
  received: 'ill.status.received',
  on_loan: 'ill.status.on_loan',
  returned: 'ill.status.returned',
  delivered: 'ill.status.delivered',
  unfilled: 'ill.status.unfilled',
  cancelled: 'ill.status.cancelled',
};

/** Who made a change, as the audit log keeps it. */
export interface StaffActor {
  staffId: number;
  clientAddress: string | null;
}

/** The request's title as the patron knows it: the article or chapter, else the book or journal. */
export function requestTitle(request: Pick<IllRequestView, 'title' | 'articleTitle'>): string {
  return request.articleTitle ?? request.title;
}

export type IllChangeNotes = ReturnType<typeof createIllChangeNotes>;

export function createIllChangeNotes(deps: {
  history: StatusHistoryRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  patrons: PatronRepo;
  publicUrl: string;
}) {
  const { history, audit, notices, patrons, publicUrl } = deps;
  return {
    /** The history step and the audit line: call inside the change's transaction. */
    record(
      request: IllRequestView,
      step: { status: IllStatus; at: number; actor: StaffActor; note?: string | null },
      action: AuditAction,
      detail: string,
    ): void {
      history.record({
        subject: 'ill',
        subjectId: request.id,
        status: step.status,
        atMs: step.at,
        staffId: step.actor.staffId,
        note: step.note ?? null,
      });
      audit.record(
        {
          actor: 'staff',
          staffId: step.actor.staffId,
          patronId: request.patronId,
          action,
          clientAddress: step.actor.clientAddress,
          detail,
        },
        step.at,
      );
    },
    /** The mail saying what became of the request: after the change is committed. */
    mail(
      request: IllRequestView,
      change: {
        status: IllStatus;
        lender: string | null;
        dueDate: string | null;
        reason: string | null;
        copyUntil?: number;
        copyDownloads?: number;
      },
    ): void {
      const patron = patrons.findById(request.patronId);
      if (!patron) return;
      notices.statusChanged(patron, {
        subject: 'mail.ill.statusChanged.subject',
        body: 'mail.ill.statusChanged.body',
        link: `${publicUrl}/myrecord/ill`,
        params: (l: Localizer) => ({
          title: requestTitle(request),
          status: change.status,
          statusText: l.t(ILL_STATUS_TEXT[change.status]),
          lender: change.lender ?? request.lender ?? '',
          due: change.dueDate ? l.formatDate(change.dueDate) : '',
          reason: change.reason ?? '',
          until: change.copyUntil === undefined ? '' : l.formatDate(libraryDateOf(change.copyUntil)),
          downloads: change.copyDownloads ?? 0,
          link: `${publicUrl}/myrecord/ill`,
        }),
      });
    },
  };
}
