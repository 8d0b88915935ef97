import type { Request, Response, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { cookieName } from '../cookie-names.js';
import { hmacHex } from '../../lib/hash-token.js';

/**
 * Every form's CSRF token, without a session row: a signed double-submit token (csrf-csrf).
 * The token sits in an HttpOnly cookie and in the form's hidden `_csrf` field; a POST passes
 * only when both are sent, equal, and carry a valid HMAC over what the token is bound to:
 *   - a logged-in session's id, so a token from before login (or before a PIN or password
 *     change, which gives the session a new id) stops working and the next page gets a new one;
 *   - a constant for anonymous visitors, so showing the login page stores nothing on the server.
 * SameSite=Lax like the session cookie: a patron arriving from a link in his mail keeps it.
 */
const ANONYMOUS = 'anonymous';

export function csrfBinding(req: Request): string {
  // No session yet (an error page shown before it was read, e.g. a body too large): a visitor's token.
  const session = req.session as Partial<typeof req.session> | undefined;
  return session?.patronId !== undefined || session?.staffId !== undefined ? req.sessionID : ANONYMOUS;
}

function tokenInForm(req: Request): string | undefined {
  // Express 5 leaves req.body undefined when nothing was parsed; a repeated field is an array.
  const token = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof token === 'string' ? token : undefined;
}

export interface CsrfProtection {
  /** Refuses (403, EBADCSRFTOKEN) a POST without a valid token; other methods pass. */
  check: RequestHandler;
  /** The token for this request's forms; (re)sets its cookie. */
  tokenFor(req: Request, res: Response): string;
}

export function createCsrfProtection(config: { appSecret: string; production: boolean }): CsrfProtection {
  // A key of its own, derived from APP_SECRET, so that a token is never a valid signature elsewhere.
  const secret = hmacHex(config.appSecret, 'myrecord csrf tokens');
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: csrfBinding,
    cookieName: cookieName('myrecord.csrf', config.production),
    cookieOptions: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    getCsrfTokenFromRequest: tokenInForm,
  });
  return {
    check: doubleCsrfProtection,
    // Secure whenever the request came over HTTPS, as the session cookie ('auto'): plain-HTTP development still works.
    tokenFor: (req, res) => generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } }),
  };
}
