import type { RequestHandler } from 'express';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import { usesDefaultPin, type Patron } from '../../domain/patrons/patron.js';
import { endSession } from '../session/session-helpers.js';
import { withReturn } from '../auth/return-path.js';

declare module 'express-serve-static-core' {
  interface Locals {
    patron?: Patron;
  }
}

/**
 * Pages behind the login. A session opened before the patron's PIN last changed (or was
 * reset) is over: it is ended and the patron sent to log in again. Either way the login brings
 * him back to the page he opened (return-path.ts).
 */
export function requirePatron(patrons: PatronRepo): RequestHandler {
  return async (req, res, next) => {
    const patronId = req.session.patronId;
    if (patronId === undefined) return res.redirect(303, withReturn('/login', 'patron', req));
    const patron = patrons.findById(patronId);
    if (!patron || (patron.pinChangedAt ?? 0) !== req.session.pinStamp) {
      await endSession(req, { key: 'login.sessionEnded' });
      return res.redirect(303, withReturn('/login', 'patron', req));
    }
    res.locals.patron = patron;
    next();
  };
}

/** docs/rules.md §4 and §8: while the PIN is the default, only "Modify your PIN" and log-out open. */
export const requireChosenPin: RequestHandler = (req, res, next) => {
  if (res.locals.patron && usesDefaultPin(res.locals.patron)) return res.redirect(303, withReturn('/pin/modify', 'patron', req));
  next();
};
