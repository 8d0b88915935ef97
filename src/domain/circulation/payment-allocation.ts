/**
 * A payment settles the oldest fines first, as a patron expects: what is paid goes to the fine
 * charged first until nothing is left of it, then to the next. Money in cents.
 */
export interface OutstandingFine {
  fineId: number;
  /** What is still owed of this fine. */
  left: number;
}

export interface Allocation {
  fineId: number;
  amount: number;
}

/** `outstanding` is oldest first; the allocations cover `amount`, or every fine when it is more than all of them. */
export function allocateOldestFirst(outstanding: readonly OutstandingFine[], amount: number): Allocation[] {
  const allocations: Allocation[] = [];
  let remaining = amount;
  for (const fine of outstanding) {
    if (remaining <= 0) break;
    const paid = Math.min(fine.left, remaining);
    if (paid <= 0) continue;
    allocations.push({ fineId: fine.fineId, amount: paid });
    remaining -= paid;
  }
  return allocations;
}
