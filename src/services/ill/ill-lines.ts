/**
 * How a request is shown, shared by the patron's list and the staff queue: with its history, the
 * state of its copy for its patron, and whether it may still be cancelled; both page alike.
 */
import type { IllRequestView } from '../../db/ill/ill-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { copyState, type CopyState } from '../../domain/ill/copy-download.js';
import type { IllLimits } from '../../domain/ill/ill-request.js';
import { mayCancel } from '../../domain/ill/ill-status-flow.js';

/** Requests on one page of the patron's list and of the staff queue. */
export const ILL_PAGE_SIZE = 20;

export interface IllLine extends IllRequestView {
  history: HistoryEntry[];
  /** The delivered copy's state for its patron (downloads left, until when), if there is one. */
  copyState: CopyState | null;
  mayCancel: boolean;
}

/** The page to show of `total` requests when `asked` was asked for, and the number of pages. */
export function illPage(total: number, asked: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / ILL_PAGE_SIZE));
  const page = Math.min(Math.max(asked, 1), pages);
  return { page, pages, offset: (page - 1) * ILL_PAGE_SIZE };
}

/** The requests of a page, each with its history (one query for them all). */
export function withHistories<T extends IllRequestView>(history: StatusHistoryRepo, requests: T[]): Array<T & { history: HistoryEntry[] }> {
  const histories = history.ofMany(
    'ill',
    requests.map((r) => r.id),
  );
  return requests.map((r) => ({ ...r, history: histories.get(r.id) ?? [] }));
}

/** One request as a line of a list, under the limits of its patron's type at `now`. */
export function illLine(request: IllRequestView & { history: HistoryEntry[] }, patronLimits: IllLimits, now: number): IllLine {
  return {
    ...request,
    copyState: request.copy ? copyState(request.copy, patronLimits, now) : null,
    mayCancel: mayCancel(request.status),
  };
}
