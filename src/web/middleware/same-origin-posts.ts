import type { Request, RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the error handler answers (403, the "form expired or not sent from this site" page). */
export class CrossSiteRequestError extends Error {
  readonly status = 403;
  readonly code = 'ECROSSSITE';
  constructor() {
    super('a form posted from another site');
  }
}

/**
 * Defence in depth beside the CSRF token: a POST that the browser says came from another
 * site is refused before its token is read. Browsers since 2023 send Sec-Fetch-Site, which
 * is trusted alone: "same-origin", or "none" (the user's own action) pass; "same-site" is
 * refused too, as a neighbouring subdomain is not this portal. Without it, an Origin must name
 * this host or PUBLIC_URL. An Origin of "null" tells nothing (our own forms send it, under
 * helmet's Referrer-Policy: no-referrer), nor does a request with neither header (an old
 * browser, or no browser at all): the token alone decides those.
 */
export function refuseCrossSitePosts(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isSameOrigin(req, publicOrigin)) return next();
    next(new CrossSiteRequestError());
  };
}

function isSameOrigin(req: Request, publicOrigin: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return true;
  return origin === publicOrigin || hostOf(origin) === req.get('host');
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
