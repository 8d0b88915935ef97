import type { Request, Response, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { cookieName } from '../http/cookie-names.js';
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

/** The `_csrf` field of a multipart form, read by the upload itself (validFormToken) before its file. */
const multipartTokens = new WeakMap<Request, string>();

function tokenInForm(req: Request): string | undefined {
  const fromMultipart = multipartTokens.get(req);
  if (fromMultipart !== undefined) return fromMultipart;
  // Express 5 leaves req.body undefined when nothing was parsed; a repeated field is an array.
  const token = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof token === 'string' ? token : undefined;
}

export interface CsrfProtection {
  /**
   * Refuses (403, EBADCSRFTOKEN) a POST without a valid token; other methods pass. A multipart
   * upload (`selfChecked`) passes too: its body is not parsed yet, so the route reads its `_csrf`
   * field first and asks validFormToken before it reads a byte of the file.
   */
  check: RequestHandler;
  /** The token for this request's forms; (re)sets its cookie. */
  tokenFor(req: Request, res: Response): string;
  /** Whether `token`, read from a multipart form, is valid for this request (its cookie and session). */
  validFormToken(req: Request, token: string): boolean;
  /** The error a refused token is (403, EBADCSRFTOKEN): audited and shown like the global check's. */
  invalidTokenError(): Error;
}

/** A POST whose route checks its own CSRF token, e.g. a multipart upload: multipart/form-data to one of `paths`. */
export function multipartUploadTo(paths: readonly RegExp[]): (req: Request) => boolean {
  return (req) =>
    req.method === 'POST' &&
    /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '') &&
    paths.some((path) => path.test(req.path));
}

export function createCsrfProtection(
  config: { appSecret: string; production: boolean },
  selfChecked: (req: Request) => boolean = () => false,
): CsrfProtection {
  // A key of its own, derived from APP_SECRET, so that a token is never a valid signature elsewhere.
  const secret = hmacHex(config.appSecret, 'myrecord csrf tokens');
  const { doubleCsrfProtection, generateCsrfToken, validateRequest, invalidCsrfTokenError } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: csrfBinding,
    cookieName: cookieName('myrecord.csrf', config.production),
    cookieOptions: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    getCsrfTokenFromRequest: tokenInForm,
  });
  return {
    check: (req, res, next) => (selfChecked(req) ? next() : doubleCsrfProtection(req, res, next)),
    validFormToken(req, token) {
      multipartTokens.set(req, token);
      try {
        return validateRequest(req);
      } finally {
        multipartTokens.delete(req);
      }
    },
    invalidTokenError: () => invalidCsrfTokenError,
    // Secure whenever the request came over HTTPS, as the session cookie ('auto'): plain-HTTP development still works.
    tokenFor: (req, res) => generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } }),
  };
}
