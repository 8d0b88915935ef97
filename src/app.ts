/**
 * createApp: the Express application over the portal's areas, with nothing started. The app makes
 * what every page shares — headers, cookies, the session, CSRF tokens, the page's language, the
 * guards — and mounts each area's routes on them. server.ts opens the database and listens; tests
 * build the app on a database of their own.
 */
import express from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import { fileURLToPath } from 'node:url';
import type { Area } from './modules/area.js';
import type { Kernel } from './modules/kernel.js';
import type { SecondFactorService } from './services/auth/second-factor-service.js';
import { deviceCookie } from './web/auth/device-cookie.js';
import { useEjs } from './web/http/render.js';
import type { WebKit } from './web/http/web-kit.js';
import { securityHeaders, noStore } from './web/middleware/security-headers.js';
import { viewLocals } from './web/middleware/view-locals.js';
import { languagePreference } from './web/language/language.js';
import { createCsrfProtection, multipartUploadTo } from './web/middleware/csrf-protection.js';
import { refuseCrossSitePosts } from './web/middleware/same-origin-posts.js';
import { auditStaffRefusals } from './web/middleware/audit-refusals.js';
import { requireChosenPin, requirePatron } from './web/middleware/require-patron.js';
import { patronMenu } from './web/middleware/patron-menu.js';
import { requireAdmin, requireRole, requireStaff } from './web/middleware/require-staff.js';
import { errorPages, notFound } from './web/middleware/error-pages.js';
import { cookieName } from './web/http/cookie-names.js';
import './web/session/session-data.js';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** The icon every page links; browsers that ask for /favicon.ico anyway get it there too. */
const FAVICON = `${PUBLIC_DIR}favicon.svg`;

/** A form never needs more: the largest field is 200 characters. */
const BODY_LIMIT = '64kb';

export interface AppDeps {
  kernel: Pick<Kernel, 'config' | 'patrons' | 'staff' | 'audit' | 'sessionStore' | 'clock' | 'logger'>;
  /** The areas, in the order their routes are tried. */
  areas: readonly Area[];
  /** What a staff session still owes of the second factor, asked on every staff page. */
  stepDue: SecondFactorService['stepDue'];
}

export function createApp(deps: AppDeps): express.Express {
  const { config, patrons, staff, audit, clock, logger } = deps.kernel;
  const app = express();
  app.disable('x-powered-by');
  // Pages are no-store: an ETag would only cost a SHA-1 of every body.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  useEjs(app, config.production);

  app.use(securityHeaders(config.production));
  app.use('/public', express.static(PUBLIC_DIR, { index: false, maxAge: config.production ? '1h' : 0 }));
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').set('Cache-Control', 'no-store').send('ok');
  });
  app.get('/favicon.ico', (_req, res) => {
    res.type('image/svg+xml').sendFile(FAVICON, { maxAge: config.production ? '1d' : 0 });
  });

  // One cookie parser for the portal's own cookies: the CSRF and language cookies are read from
  // req.cookies, and the device cookie that lets a browser past the hard limit is signed (HMAC with APP_SECRET).
  app.use(cookieParser(config.appSecret));
  const devices = deviceCookie(config.production);
  const language = languagePreference({ patrons, staff, production: config.production });
  // Forms carry a signed double-submit token: no session row for a visitor who only looks.
  // Multipart uploads check their own token, read from the form before its file (multipart-upload.ts).
  const csrf = createCsrfProtection(config, multipartUploadTo(deps.areas.flatMap((area) => area.uploadRoutes ?? [])));
  // The page's language and words before anything can fail, so that every error page has them too.
  app.use(viewLocals(language.localeOf, csrf.tokenFor));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 }));
  app.use(
    session({
      name: cookieName('myrecord.sid', config.production),
      secret: config.appSecret,
      store: deps.kernel.sessionStore,
      resave: false,
      saveUninitialized: false,
      // No maxAge: the cookie ends with the browser; the store enforces idle and absolute timeouts.
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto' },
    }),
  );
  app.use(noStore);

  app.use(refuseCrossSitePosts(config.publicUrl));
  app.use(csrf.check);

  // The patron's menu lists a service behind the PIN only for the patron types that may use it.
  const homes = deps.areas.flatMap((area) => (area.home ? [area.home] : []));
  app.use(patronMenu(Object.fromEntries(homes.map((home) => [home.service, home.mayUse]))));

  const staffGuard = requireStaff({ staff, stepDue: deps.stepDue, clock });
  const web: WebKit = {
    guards: {
      patron: requirePatron(patrons),
      service: [requirePatron(patrons), requireChosenPin],
      staff: staffGuard,
      role: (role) => [staffGuard, requireRole(role)],
      admin: [staffGuard, requireAdmin],
    },
    devices,
    language,
    csrf,
    config,
    clock,
  };
  for (const area of deps.areas) if (area.routes) app.use(area.routes(web));

  app.use(notFound);
  app.use(auditStaffRefusals({ audit, clock }));
  app.use(errorPages(logger));
  return app;
}
