/**
 * What every step staff take on a deposit leaves behind (docs/rules.md §8): a step
 * in its history (with the reason, where there is one), a line in the audit log (who, when, for
 * whom, from where), and a mail to the author in the author's own language. History and audit are
 * written in the step's own transaction; the mail goes once it is committed.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AuditAction } from '../../domain/staff/audit-action.js';
import type { DepositView } from '../../db/deposit/deposit-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { DepositStatus } from '../../domain/deposit/deposit.js';
import type { Localizer, MessageKey } from '../../messages/index.js';
import type { PatronNotices } from '../mail/patron-notices.js';

/** Each status as the author reads it (the page, the mail). */
export const DEPOSIT_STATUS_TEXT: Record<DepositStatus, MessageKey> = {
  draft: 'deposit.status.draft',
  submitted: 'deposit.status.submitted',
  under_review: 'deposit.status.under_review',
  returned: 'deposit.status.returned',
  published: 'deposit.status.published',
  withdrawn: 'deposit.status.withdrawn',
};

/** Who took a step, as the audit log keeps it; an administrator may act on any member's review. */
export interface DepositActor {
  staffId: number;
  isAdmin: boolean;
  clientAddress: string | null;
}

/** A deposit's name in the audit log and the mail: its title, or its number while it has none. */
export const depositName = (d: Pick<DepositView, 'id' | 'metadata'>) => d.metadata.title || `#${d.id}`;

export type DepositNotes = ReturnType<typeof createDepositNotes>;

export function createDepositNotes(deps: {
  history: StatusHistoryRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  patrons: PatronRepo;
  publicUrl: string;
}) {
  const { history, audit, notices, patrons, publicUrl } = deps;
  return {
    /** The history step and the audit line: call inside the step's transaction. */
    record(
      deposit: DepositView,
      step: { status: DepositStatus; at: number; actor: DepositActor; reason?: string | null; note?: string | null },
      action: AuditAction,
      detail: string,
    ): void {
      history.record({
        subject: 'deposit',
        subjectId: deposit.id,
        status: step.status,
        atMs: step.at,
        staffId: step.actor.staffId,
        reason: step.reason ?? null,
        note: step.note ?? null,
      });
      audit.record(
        {
          actor: 'staff',
          staffId: step.actor.staffId,
          patronId: deposit.patronId,
          action,
          clientAddress: step.actor.clientAddress,
          detail,
        },
        step.at,
      );
    },
    /** The mail saying what became of the deposit: after the step is committed. */
    mail(deposit: DepositView, step: { status: DepositStatus; reason: string | null; embargoActive?: boolean }): void {
      const patron = patrons.findById(deposit.patronId);
      if (!patron) return;
      const link =
        step.status === 'published' || step.status === 'withdrawn'
          ? `${publicUrl}/repository/${deposit.id}`
          : `${publicUrl}/myrecord/deposits/${deposit.id}`;
      notices.statusChanged(patron, {
        subject: 'mail.deposit.statusChanged.subject',
        body: 'mail.deposit.statusChanged.body',
        link,
        params: (l: Localizer) => ({
          title: depositName(deposit),
          status: step.status,
          statusText: l.t(DEPOSIT_STATUS_TEXT[step.status]),
          reason: step.reason ?? '',
          embargo: deposit.metadata.embargoUntil ? l.formatDate(deposit.metadata.embargoUntil) : '',
          embargoed: step.embargoActive && deposit.metadata.embargoUntil ? 'yes' : 'no',
          link,
        }),
      });
    },
    /** Tells the author that a draft left untouched will be deleted with its file on `deleteAt`, unless saved or submitted before. */
    draftExpiring(deposit: DepositView, deleteAt: number, draftDays: number): void {
      const patron = patrons.findById(deposit.patronId);
      if (!patron) return;
      const link = `${publicUrl}/myrecord/deposits/${deposit.id}`;
      notices.statusChanged(patron, {
        subject: 'mail.deposit.draftExpiring.subject',
        body: 'mail.deposit.draftExpiring.body',
        link,
        params: (l: Localizer) => ({
          title: depositName(deposit),
          since: l.formatDate(libraryDateOf(deposit.updatedAt)),
          date: l.formatDate(libraryDateOf(deleteAt)),
          days: draftDays,
          link,
        }),
      });
    },
  };
}
