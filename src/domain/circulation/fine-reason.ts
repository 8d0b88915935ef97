/** Why a fine was charged, kept as data so that it is put in words (in any language) when shown. */
export type FineReason = { kind: 'overdue'; title: string; daysLate: number } | { kind: 'note'; text: string };
