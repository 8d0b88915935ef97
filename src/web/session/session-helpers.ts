import { promisify } from 'node:util';
import type { Request } from 'express';
import type { MessageKey, Params, Translate } from '../../messages/index.js';

/** A one-time note for the next page, kept as a catalogue key so it is translated when shown. */
export interface SessionNotice {
  key: MessageKey;
  params?: Params;
  /** Done, but something needs a second look (a check digit that does not match): shown as a warning. */
  warning?: true;
}

/** A staff login half done: the password was right, the second factor is to come (session-data.ts). */
export interface StaffPending {
  staffId: number;
  staffStamp: number;
  step: 'ask' | 'enrol';
  since: number;
  next?: string;
}

function regenerate(req: Request): Promise<void> {
  return promisify(req.session.regenerate.bind(req.session))();
}

function save(req: Request): Promise<void> {
  return promisify(req.session.save.bind(req.session))();
}

/**
 * A new session id for whoever just proved who they are (at login and after a PIN or password
 * change), so that an id known before cannot be used after. The stamp ties the session to the
 * secret it was opened with: when the PIN or password changes, every older session stops working.
 * A session is a patron's or a member of staff's, never both.
 */
export async function startSession(
  req: Request,
  owner:
    | { patronId: number; pinStamp: number }
    | { staffId: number; staffStamp: number; staffFactorOn?: number }
    | { staffPending: StaffPending },
  notice?: SessionNotice,
): Promise<void> {
  await regenerate(req);
  Object.assign(req.session, owner);
  if (notice) req.session.notice = notice;
  await save(req);
}

/**
 * Ends the session on the server and starts an empty one, carrying a notice for the next page
 * if given. A visitor who is not logged in has nothing to end: a new session id would be a new
 * row (express-session saves every regenerated session), so posting to /logout again and again
 * must not make one each time.
 */
export async function endSession(req: Request, notice?: SessionNotice): Promise<void> {
  if (req.session.patronId === undefined && req.session.staffId === undefined && req.session.staffPending === undefined) return;
  await regenerate(req);
  if (!notice) return;
  req.session.notice = notice;
  await save(req);
}

export function setNotice(req: Request, key: MessageKey, params?: Params): void {
  req.session.notice = params ? { key, params } : { key };
}

/** A one-time note for the next page that is a warning: the action was done, but look again. */
export function setWarning(req: Request, key: MessageKey, params?: Params): void {
  req.session.notice = { key, ...(params ? { params } : {}), warning: true };
}

/** Takes the one-time notice out of the session, in words. */
export function takeNotice(req: Request, t: Translate): string | undefined {
  return takeNoticeWithTone(req, t)?.text;
}

/** The same, saying whether it is a warning (for pages that show one apart). */
export function takeNoticeWithTone(req: Request, t: Translate): { text: string; warning: boolean } | undefined {
  const notice = req.session.notice;
  if (!notice) return undefined;
  delete req.session.notice;
  return { text: t(notice.key, notice.params), warning: notice.warning === true };
}
