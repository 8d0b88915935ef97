/**
 * What the author's list, the staff queues and the public list share: pages of the same size, and
 * each deposit of a list shown with the steps it has taken.
 */
import type { DepositView } from '../../db/deposit/deposit-repo.js';
import type { StatusHistoryRepo } from '../../db/shared/status-history-repo.js';
import type { HistoryEntry } from '../../domain/shared/status-history.js';
import { mayAuthorEdit } from '../../domain/deposit/deposit.js';

/** Deposits on one page of the author's list, the staff queue and the public list. */
export const DEPOSIT_PAGE_SIZE = 20;

export interface DepositLine extends DepositView {
  history: HistoryEntry[];
  editable: boolean;
}

/** The page asked for, kept between the first and the last (an empty list still has one page). */
export function pageOf(asked: number, total: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / DEPOSIT_PAGE_SIZE));
  const page = Math.min(Math.max(asked, 1), pages);
  return { page, pages, offset: (page - 1) * DEPOSIT_PAGE_SIZE };
}

/** Each deposit with its history (one query for the whole list) and whether its author may change it now. */
export function withHistories(history: StatusHistoryRepo, list: DepositView[]): DepositLine[] {
  const histories = history.ofMany(
    'deposit',
    list.map((d) => d.id),
  );
  return list.map((d) => ({ ...d, history: histories.get(d.id) ?? [], editable: mayAuthorEdit(d.status) }));
}
