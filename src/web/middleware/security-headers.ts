import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers with a strict CSP (scripts and styles only from this site) and
 * frame-ancestors 'none' against click-jacking. upgrade-insecure-requests only in
 * production: on plain-HTTP development it would break every form.
 */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': production ? [] : null,
      },
    },
    strictTransportSecurity: production,
  });
}

/** Pages are personal or carry a CSRF token: never cached, so Back after log-out shows nothing. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
