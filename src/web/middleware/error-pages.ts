import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { Logger } from '../../lib/logger.js';
import { redactedPath } from '../http/redacted-path.js';
import { isUnavailable } from '../../db/engine/errors.js';

export function renderNotFound(res: Response): void {
  res.status(404).render('errors/error', { titleKey: 'error.notFound.title', bodyKey: 'error.notFound.body' });
}

export const notFound: RequestHandler = (_req, res) => renderNotFound(res);

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  /** Set on RoleRequiredError: the role the page needs. */
  role?: string;
}

/** The page for each kind of fault a client can cause; anything else is a plain 500. */

function pageFor(err: HttpishError): { status: number; titleKey: MessageKey; bodyKey: MessageKey; bodyParams?: Record<string, string> } {
  const status = err.status ?? err.statusCode ?? 500;
  // The database cannot write (disk full, read-only, locked too long, gone): unavailable, not broken.
  if (isUnavailable(err)) {
    return { status: 503, titleKey: 'error.unavailable.title', bodyKey: 'error.unavailable.body' };
  }
  if (err.code === 'EROLEREQUIRED')
    return { status: 403, titleKey: 'error.staffOnly.title', bodyKey: 'error.roleRequired.body', bodyParams: { role: err.role ?? '' } };
  if (err.code === 'EADMINONLY') return { status: 403, titleKey: 'error.staffOnly.title', bodyKey: 'error.staffOnly.body' };
  // A missing or bad CSRF token (EBADCSRFTOKEN), a form from another site (ECROSSSITE).
  if (err.code === 'EBADCSRFTOKEN' || status === 403)
    return { status: 403, titleKey: 'error.forbidden.title', bodyKey: 'error.forbidden.body' };
  if (status === 413) return { status: 413, titleKey: 'error.tooLarge.title', bodyKey: 'error.tooLarge.body' };
  if (status >= 400 && status < 500) return { status: 400, titleKey: 'error.badRequest.title', bodyKey: 'error.badRequest.body' };
  return { status: 500, titleKey: 'error.server.title', bodyKey: 'error.server.body' };
}

/** One error handler: a plain page, never a stack trace; faults are logged without request data. */
export function errorPages(logger: Logger): ErrorRequestHandler {
  return (err: HttpishError, req, res, next) => {
    if (res.headersSent) return next(err);
    const page = pageFor(err);
    if (page.status >= 500) logger.error(`fault on ${req.method} ${redactedPath(req.path)}`, err);
    if (page.status === 503) res.set('Retry-After', '30');
    res.status(page.status);
    res.render('errors/error', { titleKey: page.titleKey, bodyKey: page.bodyKey, bodyParams: page.bodyParams ?? {} }, (renderErr, html) => {
      if (renderErr) {
        logger.error('the error page could not be rendered', renderErr);
        return res.type('text/plain').send(res.locals.t?.('error.server.title') ?? 'Something went wrong');
      }
      res.send(html);
    });
  };
}
