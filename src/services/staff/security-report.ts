/**
 * The admins' security page: what the attempt gate saw in the last hour, day or week,
 * read from the summaries of migration 016 (never from login_attempts), so that the page costs the
 * same with ten million attempts as with a thousand.
 */
import { HOUR_MS, MINUTE_MS, type SecuritySummaryRepo } from '../../db/auth/security-summary-repo.js';
import type { AttemptBucket } from '../../domain/auth/attempt-records.js';
import type { Clock } from '../../lib/clock.js';

export const SECURITY_PERIODS = ['hour', 'day', 'week'] as const;
export type SecurityPeriod = (typeof SECURITY_PERIODS)[number];

/** Each period: how many buckets of what size, the last one the bucket now is in. */
const PERIODS: Record<SecurityPeriod, { bucketMs: number; buckets: number }> = {
  hour: { bucketMs: MINUTE_MS, buckets: 60 },
  day: { bucketMs: HOUR_MS, buckets: 24 },
  week: { bucketMs: HOUR_MS, buckets: 168 },
};

/** How many keys and addresses the page lists. */
export const TOP_LISTED = 10;

export interface SecurityReport {
  period: SecurityPeriod;
  bucketMs: number;
  from: number;
  to: number;
  /** Every bucket of the period, in order, those with nothing as zeros. */
  buckets: AttemptBucket[];
  totals: Omit<AttemptBucket, 'startMs'>;
  topKeys: Array<{ value: string; failures: number }>;
  topAddresses: Array<{ value: string; failures: number }>;
}

export type SecurityReportService = ReturnType<typeof createSecurityReportService>;

export function createSecurityReportService(deps: { summary: SecuritySummaryRepo; clock: Clock }) {
  const { summary, clock } = deps;

  return {
    report(period: SecurityPeriod): SecurityReport {
      const { bucketMs, buckets: count } = PERIODS[period];
      const now = clock.now();
      const to = now - (now % bucketMs) + bucketMs;
      const from = to - count * bucketMs;
      const found = new Map(summary.buckets(from, to, bucketMs).map((bucket) => [bucket.startMs, bucket]));
      const buckets = Array.from({ length: count }, (_, i) => {
        const startMs = from + i * bucketMs;
        return found.get(startMs) ?? { startMs, successes: 0, failures: 0, refused: 0, blocksStarted: 0, hardLimited: 0, resetRequests: 0 };
      });
      const totals = { successes: 0, failures: 0, refused: 0, blocksStarted: 0, hardLimited: 0, resetRequests: 0 };
      for (const bucket of buckets) for (const name of Object.keys(totals) as Array<keyof typeof totals>) totals[name] += bucket[name];
      return {
        period,
        bucketMs,
        from,
        to,
        buckets,
        totals,
        topKeys: summary.top('key', from, to, TOP_LISTED),
        topAddresses: summary.top('address', from, to, TOP_LISTED),
      };
    },
  };
}
