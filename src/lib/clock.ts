import { readFileSync } from 'node:fs';

/** The time, injectable so that policies with windows and timeouts can be tested. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The system clock moved by the whole number of milliseconds written in `file` (none while the file
 * is missing or holds no number): for end-to-end tests, where the server runs in a process of its
 * own. The file is read at every look at the time; it is tiny, and this clock is never used in production.
 */
export function fileOffsetClock(file: string): Clock {
  return {
    now() {
      let offset = 0;
      try {
        offset = Number.parseInt(readFileSync(file, 'utf8').trim(), 10) || 0;
      } catch {
        // No file: no offset.
      }
      return Date.now() + offset;
    },
  };
}

/** A clock that moves only when told to: for tests. */
export function fakeClock(start = Date.UTC(2026, 10, 28, 9, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}
