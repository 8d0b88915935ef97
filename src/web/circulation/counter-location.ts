/**
 * Which counter this browser is at: one of the pickup locations. A check-in
 * needs it, since a requested copy goes on the hold shelf only at its pickup location.
 *
 * Kept per browser, in a cookie for a year, rather than per member of staff or per session: a
 * counter is a place. The computer at the Law Library's desk stays there while colleagues come
 * and go and cover other desks, and a staff session ends after 15 idle minutes, so a choice in
 * the session would be asked for again and again. The cookie holds a pickup location's code and
 * is read against the table each time; anything else counts as no choice. A browser that never
 * chose is taken to be at the first location (the main library's counter, where most books
 * come back), and the page says so beside the choice.
 */
import type { Request, Response } from 'express';
import type { PickupLocation } from '../../domain/circulation/request.js';
import { cookieName } from '../http/cookie-names.js';

const YEAR_MS = 365 * 86_400_000;
/** Longer than any location code. */
const CODE_MAX_LENGTH = 32;

export interface CounterPlace {
  location: PickupLocation;
  /** False when this browser has not chosen, and the first location is assumed. */
  chosen: boolean;
}

export type CounterLocation = ReturnType<typeof counterLocation>;

export function counterLocation(deps: {
  counters: () => PickupLocation[];
  counterByCode: (code: string) => PickupLocation | undefined;
  production: boolean;
}) {
  const name = cookieName('myrecord.counter', deps.production);

  return {
    /** Where this browser's counter is. */
    of(req: Request): CounterPlace {
      const code: unknown = req.cookies?.[name];
      const chosen = typeof code === 'string' && code.length <= CODE_MAX_LENGTH ? deps.counterByCode(code) : undefined;
      if (chosen) return { location: chosen, chosen: true };
      const first = deps.counters()[0];
      if (!first) throw new Error('the pickup_locations table is empty: the counter cannot know where it is');
      return { location: first, chosen: false };
    },

    /** Remembers the counter named by `code`; undefined (and nothing kept) when no location has it. */
    choose(req: Request, res: Response, code: string): PickupLocation | undefined {
      const location = code.length <= CODE_MAX_LENGTH ? deps.counterByCode(code) : undefined;
      if (!location) return undefined;
      res.cookie(name, location.code, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: YEAR_MS });
      return location;
    },
  };
}
