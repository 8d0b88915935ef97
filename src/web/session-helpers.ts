import type { Request } from 'express';
import type { Patron } from '../domain/patron.js';

/**
 * A new session id for a patron (at login and after a PIN change), so that an id
 * known before cannot be used after. The PIN stamp ties the session to the PIN it was
 * opened with: when the PIN changes or is reset, every older session stops working.
 */
export function startPatronSession(req: Request, patron: Patron, pinChangedAt: number | null, notice?: SessionNotice): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.patronId = patron.id;
      req.session.pinStamp = pinChangedAt ?? 0;
      if (notice) req.session.notice = notice;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Ends the session on the server and starts an empty one carrying a notice for the next page. */
export function endSession(req: Request, notice?: SessionNotice): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      if (!notice) return resolve();
      req.session.notice = notice;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Takes the one-time notice out of the session. */
export function takeNotice(req: Request): SessionNotice | undefined {
  const notice = req.session.notice;
  if (notice) delete req.session.notice;
  return notice;
}

export type SessionNotice = 'login.loggedOut' | 'login.sessionEnded' | 'pinModify.done';
