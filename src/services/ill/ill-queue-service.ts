/**
 * Interlibrary Loan Request (docs/rules.md §8), the staff side: the queue of requests, and each
 * one moved on to the lender and back, with its history, audit row and mail to the patron. Each
 * change is one IMMEDIATE transaction, so a status cannot be passed by two submits at once. What
 * the patron does is ill-service.ts; the copy itself is ill-copy-service.ts.
 */
import type { Database } from '../../db/engine/database.js';
import type { IllLimitRepo } from '../../db/ill/ill-limit-repo.js';
import type { IllRepo, IllRequestView } from '../../db/ill/ill-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import type { IllStatus } from '../../domain/ill/ill-request.js';
import {
  checkStatusChange,
  mayDeliverCopy,
  nextStaffStatuses,
  type StaffStatus,
  type StatusProblem,
} from '../../domain/ill/ill-status-flow.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import { requestTitle, type IllChangeNotes, type StaffActor } from './ill-change-notes.js';
import { ILL_PAGE_SIZE, illLine, illPage, withHistories, type IllLine } from './ill-lines.js';

export interface QueueLine extends IllLine {
  /** The statuses staff may move it to from here. */
  next: readonly StaffStatus[];
  mayUpload: boolean;
}

export type StatusChangeResult =
  | { kind: 'changed'; id: number; title: string; status: StaffStatus }
  | { kind: 'not-found' }
  | { kind: 'invalid'; problems: StatusProblem[]; request: IllRequestView }
  /** Moved on by someone else since the page was shown. */
  | { kind: 'moved-on'; title: string };

export type IllQueueService = ReturnType<typeof createIllQueueService>;

export function createIllQueueService(deps: {
  db: Database;
  ill: IllRepo;
  limits: IllLimitRepo;
  history: StatusHistoryRepo;
  notes: IllChangeNotes;
  clock: Clock;
}) {
  const { db, ill, limits, history, notes, clock } = deps;

  return {
    limitsOfType: (type: Patron['patronType']) => limits.limitsFor(type),
    /** Where a request stands now, or undefined when there is no such request. */
    statusOf: (id: number): IllStatus | undefined => ill.find(id)?.status,

    /** The staff queue: oldest first, filtered by status, paged; each request with its history and what may come next. */
    queue(status: IllStatus | null, page: number) {
      const total = ill.queueCount(status);
      const shown = illPage(total, page);
      const now = clock.now();
      const requests: QueueLine[] = withHistories(history, ill.queue(status, ILL_PAGE_SIZE, shown.offset)).map((r) => ({
        ...illLine(r, limits.limitsFor(r.patronType), now),
        next: nextStaffStatuses(r.kind, r.status),
        mayUpload: mayDeliverCopy(r.kind, r.status),
      }));
      return { requests, total, page: shown.page, pages: shown.pages };
    },

    /** A status change by staff: checked against where the request is, then history, audit and mail. */
    changeStatus(
      actor: StaffActor,
      id: number,
      wanted: { status: StaffStatus; lender: string; dueDate: string; reason: string },
      seenStatus?: IllStatus,
    ): StatusChangeResult {
      let mailAfter: (() => void) | undefined;
      const result = db.transaction((): StatusChangeResult => {
        const request = ill.find(id);
        if (!request) return { kind: 'not-found' };
        // The form was for the status the page showed: if it has moved since, nothing is done twice.
        if (seenStatus !== undefined && seenStatus !== request.status) return { kind: 'moved-on', title: requestTitle(request) };
        const checked = checkStatusChange(request, wanted, libraryDateOf(clock.now()));
        if (!checked.ok) return { kind: 'invalid', problems: checked.problems, request };
        const { change } = checked;
        const at = clock.now();
        if (!ill.setStatus(id, request.status, change, at)) return { kind: 'moved-on', title: requestTitle(request) };
        const detail = [
          `${id} "${requestTitle(request)}": ${change.status}`,
          change.lender && `lender ${change.lender}`,
          change.dueDate && `due ${change.dueDate}`,
          change.reason && `reason ${change.reason}`,
        ]
          .filter(Boolean)
          .join(', ');
        // Beside the step in the history: the lending library it went to, or why it could not be got.
        notes.record(request, { status: change.status, at, actor, note: change.reason ?? change.lender }, 'ill.status-changed', detail);
        mailAfter = () => notes.mail(request, change);
        return { kind: 'changed', id, title: requestTitle(request), status: change.status };
      });
      mailAfter?.();
      return result;
    },
  };
}
