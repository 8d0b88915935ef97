/**
 * Housekeeping, run by the server every few minutes: each area's jobs in the areas' order (expired
 * sessions, links and trusted devices; old attempts and lifted blocks; uncollected holds lapsed;
 * due-date reminders and overdue notices; no-shows released; interlibrary loan copies past their
 * days; deposit drafts warned and then deleted), then the upload store: partial uploads a stopped
 * server left, and stored files that no area's records name.
 */
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

const DAY_MS = 86_400_000;

export function createHousekeeping(k: Pick<Kernel, 'clock' | 'logger' | 'uploads'>, areas: readonly Area[]): () => void {
  const { clock, logger, uploads } = k;
  const jobs = areas.flatMap((area) => area.housekeeping ?? []);
  const logFailure = (what: string) => (err: unknown) => logger.error(`${what} failed`, err);
  return function housekeeping(): void {
    const now = clock.now();
    for (const job of jobs) {
      const result = job.run(now);
      if (result instanceof Promise) void result.catch(logFailure(job.what));
    }
    // What uploads cut short by a stopped server left behind.
    void uploads.sweepPartials(now, DAY_MS).catch(logFailure('sweeping partial uploads'));
    // Whole files no row names (stored but never recorded, or replaced and not yet deleted), a day old:
    // an upload being recorded now is far younger.
    void uploads
      .sweepOrphans(now, DAY_MS, (name) => areas.some((area) => area.namesFile?.(name) === true))
      .catch(logFailure('sweeping orphan uploads'));
  };
}
