/** The overdue fine for a returned item: the patron type's rate per day late, capped per item. */
import { daysBetween, type LibraryDate } from '../shared/library-date.js';
import type { LoanRule } from './loan-rule.js';

export function overdueFine(dueDate: LibraryDate, returnedOn: LibraryDate, rule: LoanRule): { daysLate: number; amount: number } {
  const daysLate = Math.max(0, daysBetween(dueDate, returnedOn));
  return { daysLate, amount: Math.min(daysLate * rule.finePerDay, rule.fineCapPerItem) };
}
