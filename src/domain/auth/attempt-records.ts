/** Attempts as the security page and the counter's patron page show them. */

export interface AttemptBucket {
  startMs: number;
  successes: number;
  failures: number;
  refused: number;
  blocksStarted: number;
  hardLimited: number;
  resetRequests: number;
}

export interface RecentAttempt {
  atMs: number;
  outcome: 'pending' | 'success' | 'failure' | 'blocked';
  clientAddress: string | null;
  /** More than 1 only for blocked attempts, counted per minute. */
  count: number;
}
