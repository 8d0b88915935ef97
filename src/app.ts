/**
 * createApp(deps): the Express application, with nothing started. server.ts opens the
 * database and listens; tests build the app on a database of their own.
 */
import express from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { PatronRepo } from './db/patrons/patron-repo.js';
import type { StaffRepo } from './db/staff/staff-repo.js';
import type { AuditRepo } from './db/staff/audit-repo.js';
import type { AuthService } from './services/auth/auth-service.js';
import type { PinChangeService } from './services/pin/pin-change-service.js';
import type { PinResetService } from './services/pin/pin-reset-service.js';
import type { StaffAuthService } from './services/auth/staff-auth-service.js';
import type { StaffAccountService } from './services/staff/staff-account-service.js';
import type { CounterService } from './services/patrons/counter-service.js';
import type { CirculationService } from './services/circulation/circulation-service.js';
import type { CounterCirculationService } from './services/circulation/counter-circulation-service.js';
import type { FinePaymentService } from './services/circulation/fine-payment-service.js';
import type { CatalogueService } from './services/catalogue/catalogue-service.js';
import type { RecommendationService } from './services/recommendation/recommendation-service.js';
import type { RecommendationQueueService } from './services/recommendation/recommendation-queue-service.js';
import type { IllService } from './services/ill/ill-service.js';
import type { IllQueueService } from './services/ill/ill-queue-service.js';
import type { IllCopyService } from './services/ill/ill-copy-service.js';
import type { BookingService } from './services/booking/booking-service.js';
import type { FacilityService } from './services/booking/facility-service.js';
import type { KioskService } from './services/booking/kiosk-service.js';
import { clockTimeOf } from './domain/booking/booking-time.js';
import type { DepositService } from './services/deposit/deposit-service.js';
import type { Clock } from './lib/clock.js';
import { SqliteSessionStore } from './web/session/session-store.js';
import { deviceCookie } from './web/auth/device-cookie.js';
import { useEjs } from './web/http/render.js';
import { securityHeaders, noStore } from './web/middleware/security-headers.js';
import { viewLocals } from './web/middleware/view-locals.js';
import { languagePreference } from './web/language/language.js';
import { createLanguageController } from './web/language/language-controller.js';
import { createCsrfProtection, multipartUploadTo } from './web/middleware/csrf-protection.js';
import { refuseCrossSitePosts } from './web/middleware/same-origin-posts.js';
import { auditStaffRefusals } from './web/middleware/audit-refusals.js';
import { requirePatron } from './web/middleware/require-patron.js';
import { patronMenu } from './web/middleware/patron-menu.js';
import { mayUseIll } from './domain/ill/ill-eligibility.js';
import { requireStaff } from './web/middleware/require-staff.js';
import { errorPages, notFound } from './web/middleware/error-pages.js';
import { cookieName } from './web/http/cookie-names.js';
import { counterLocation } from './web/circulation/counter-location.js';
import type { Logger } from './lib/logger.js';
import { routes } from './web/routes.js';
import { createLoginController } from './web/auth/login-controller.js';
import { createLogoutController } from './web/auth/logout-controller.js';
import { createHomeController, type ServiceSummaries } from './web/home/home-controller.js';
import { createCirculationController } from './web/circulation/circulation-controller.js';
import { createRenewalController } from './web/circulation/renewal-controller.js';
import { createCatalogueController } from './web/catalogue/catalogue-controller.js';
import { createStaffCirculationController } from './web/circulation/staff-circulation-controller.js';
import { createPinModifyController } from './web/pin/pin-modify-controller.js';
import { createPinForgotController } from './web/pin/pin-forgot-controller.js';
import { createStaffLoginController } from './web/auth/staff-login-controller.js';
import { createStaffConsoleController } from './web/patrons/staff-console-controller.js';
import { createStaffEditController } from './web/patrons/staff-edit-controller.js';
import { createStaffPaymentController } from './web/circulation/staff-payment-controller.js';
import { createStaffAuditController } from './web/staff/staff-audit-controller.js';
import { createStaffAccountsController } from './web/staff/staff-accounts-controller.js';
import { createStaffSecondFactorController } from './web/auth/staff-second-factor-controller.js';
import { createSecretBox } from './lib/secret-box.js';
import type { SecondFactorService } from './services/auth/second-factor-service.js';
import type { SecurityReportService } from './services/staff/security-report.js';
import { createStaffSecurityController } from './web/staff/staff-security-controller.js';
import { createStaffHomeController } from './web/staff/staff-home-controller.js';
import { createRecommendationController } from './web/recommendation/recommendation-controller.js';
import { createStaffRecommendationController } from './web/recommendation/staff-recommendation-controller.js';
import { createIllController } from './web/ill/ill-controller.js';
import { createStaffIllController } from './web/ill/staff-ill-controller.js';
import { createStaffIllCopyController } from './web/ill/staff-ill-copy-controller.js';
import { createBookingController } from './web/booking/booking-controller.js';
import { createStaffBookingController } from './web/booking/staff-booking-controller.js';
import { createStaffFacilityController } from './web/booking/staff-facility-controller.js';
import { createKioskController } from './web/booking/kiosk-controller.js';
import { createDepositController } from './web/deposit/deposit-controller.js';
import { createStaffDepositController } from './web/deposit/staff-deposit-controller.js';
import { createRepositoryController } from './web/deposit/repository-controller.js';
import './web/session/session-data.js';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** The icon every page links; browsers that ask for /favicon.ico anyway get it there too. */
const FAVICON = `${PUBLIC_DIR}favicon.svg`;

/** A form never needs more: the largest field is 200 characters. */
const BODY_LIMIT = '64kb';

/** The routes that take a multipart upload, and so check their CSRF token themselves. */
const UPLOAD_ROUTES = [/^\/staff\/ill\/[^/]+\/copy$/, /^\/myrecord\/deposits\/[^/]+\/file$/];

export interface AppDeps {
  config: Pick<Config, 'appSecret' | 'production' | 'trustProxy' | 'minPinLength' | 'publicUrl' | 'uploadMaxMb'>;
  patrons: PatronRepo;
  staff: StaffRepo;
  audit: AuditRepo;
  sessionStore: SqliteSessionStore;
  auth: AuthService;
  pinChange: PinChangeService;
  pinReset: PinResetService;
  staffAuth: StaffAuthService;
  secondFactor: SecondFactorService;
  securityReports: SecurityReportService;
  staffAccounts: StaffAccountService;
  counter: CounterService;
  circulation: CirculationService;
  counterCirculation: CounterCirculationService;
  payments: FinePaymentService;
  catalogue: CatalogueService;
  recommendations: RecommendationService;
  recommendationQueue: RecommendationQueueService;
  ill: IllService;
  illQueue: IllQueueService;
  illCopies: IllCopyService;
  bookings: BookingService;
  facilitiesDesk: FacilityService;
  kiosks: KioskService;
  deposits: DepositService;
  logger: Logger;
  clock: Clock;
}

export function createApp(deps: AppDeps): express.Express {
  const { config } = deps;
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
  const language = languagePreference({ patrons: deps.patrons, staff: deps.staff, production: config.production });
  // Forms carry a signed double-submit token: no session row for a visitor who only looks.
  // Multipart uploads check their own token, read from the form before its file (multipart-upload.ts).
  const csrf = createCsrfProtection(config, multipartUploadTo(UPLOAD_ROUTES));
  // The page's language and words before anything can fail, so that every error page has them too.
  app.use(viewLocals(language.localeOf, csrf.tokenFor));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 }));
  app.use(
    session({
      name: cookieName('myrecord.sid', config.production),
      secret: config.appSecret,
      store: deps.sessionStore,
      resave: false,
      saveUninitialized: false,
      // No maxAge: the cookie ends with the browser; the store enforces idle and absolute timeouts.
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto' },
    }),
  );
  app.use(noStore);

  app.use(refuseCrossSitePosts(config.publicUrl));
  app.use(csrf.check);

  // Each service behind the PIN says on the home where the patron stands in it.
  const serviceSummaries: ServiceSummaries = {
    // Book Recommendation: how many of his (made or supported) are still open.
    recommendations: (patron, l) => {
      const open = deps.recommendations.openCount(patron);
      return open === 0 ? l.t('home.summary.noRecommendations') : l.t('home.summary.recommendations', { count: open });
    },

    // Interlibrary Loan Request: ill: …
    ill: (patron, l) => l.t('home.summary.ill', deps.ill.summary(patron)),

    // iBooking: his next booking not yet over ("Room booked today 14:00–15:00").
    bookings: (patron, l) => {
      const next = deps.bookings.next(patron);
      if (!next) return l.t('home.summary.noBookings');
      const day = next.date === deps.bookings.today() ? 'today' : 'other';
      return l.t('home.summary.booking', {
        kind: next.facilityKind,
        day,
        date: l.formatDate(next.date),
        from: clockTimeOf(next.startsAt),
        to: clockTimeOf(next.endsAt),
        facility: next.facilityName,
      });
    },
    // Institutional Research Archive Online Submission: under review, returned, drafts, published.
    deposits: (patron, l) => {
      const s = deps.deposits.summary(patron);
      return s.total === 0
        ? l.t('home.summary.noDeposits')
        : l.t('home.summary.deposits', { review: s.review, returned: s.returned, drafts: s.drafts, published: s.published });
    },
  };
  // The patron's menu lists a built service only for the patron types that may use it.
  app.use(
    patronMenu({
      recommendations: () => true,
      ill: (patron) => mayUseIll(deps.ill.limitsOf(patron)),
      deposits: (patron) => deps.deposits.rulesOf(patron).mayDeposit,
      bookings: () => true,
    }),
  );
  const staffConsole = createStaffConsoleController({ counter: deps.counter, circulation: deps.circulation });
  const controllers = {
    staffHome: createStaffHomeController({ patronSearch: staffConsole.search }),
    login: createLoginController({ auth: deps.auth, devices, language }),
    language: createLanguageController({ language }),
    logout: createLogoutController(),
    home: createHomeController({ circulation: deps.circulation, services: serviceSummaries }),
    circulation: createCirculationController({ circulation: deps.circulation }),
    renewal: createRenewalController({ circulation: deps.circulation }),
    catalogue: createCatalogueController({ catalogue: deps.catalogue, circulation: deps.circulation }),
    staffCirculation: createStaffCirculationController({
      counterCirculation: deps.counterCirculation,
      counter: deps.counter,
      circulation: deps.circulation,
      // Which counter this browser is at, for check-ins (a cookie: see counter-location.ts).
      place: counterLocation({
        counters: deps.counterCirculation.counters,
        counterByCode: deps.counterCirculation.counterByCode,
        production: config.production,
      }),
    }),
    pinModify: createPinModifyController({ pinChange: deps.pinChange, minPinLength: config.minPinLength, devices }),
    pinForgot: createPinForgotController({ pinReset: deps.pinReset }),
    staffLogin: createStaffLoginController({ staffAuth: deps.staffAuth, devices, language, clock: deps.clock }),
    staffSecurity: createStaffSecurityController({ reports: deps.securityReports }),
    staffSecondFactor: createStaffSecondFactorController({
      secondFactor: deps.secondFactor,
      staff: deps.staff,
      clock: deps.clock,
      devices,
      // A key of its own, derived from APP_SECRET: the sessions table never holds a recovery code in the clear.
      codesBox: createSecretBox(config.appSecret, 'staff recovery codes in session'),
    }),
    staffConsole,
    staffEdit: createStaffEditController({ counter: deps.counter }),
    staffPayments: createStaffPaymentController({ payments: deps.payments, counter: deps.counter, circulation: deps.circulation }),
    staffAudit: createStaffAuditController({ audit: deps.audit }),
    staffAccounts: createStaffAccountsController({ staff: deps.staff, staffAccounts: deps.staffAccounts, secondFactor: deps.secondFactor }),
    recommendations: createRecommendationController({ recommendations: deps.recommendations }),
    staffRecommendations: createStaffRecommendationController({ recommendations: deps.recommendationQueue }),
    ill: createIllController({ ill: deps.ill, copies: deps.illCopies }),
    staffIll: createStaffIllController({ ill: deps.illQueue, uploadMaxMb: config.uploadMaxMb }),
    staffIllCopy: createStaffIllCopyController({
      ill: deps.illQueue,
      copies: deps.illCopies,
      uploadMaxMb: config.uploadMaxMb,
      validFormToken: csrf.validFormToken,
      invalidTokenError: csrf.invalidTokenError,
    }),
    bookings: createBookingController({ bookings: deps.bookings }),
    staffBookings: createStaffBookingController({ bookings: deps.bookings }),
    staffFacilities: createStaffFacilityController({ desk: deps.facilitiesDesk, kiosks: deps.kiosks, publicUrl: config.publicUrl }),
    kiosk: createKioskController({ kiosks: deps.kiosks }),
    deposits: createDepositController({
      deposits: deps.deposits,
      uploadMaxMb: config.uploadMaxMb,
      validFormToken: csrf.validFormToken,
      invalidTokenError: csrf.invalidTokenError,
    }),
    staffDeposits: createStaffDepositController({ deposits: deps.deposits }),
    repository: createRepositoryController({ deposits: deps.deposits, publicUrl: config.publicUrl }),
  };
  app.use(
    routes(controllers, {
      patron: requirePatron(deps.patrons),
      staff: requireStaff({ staff: deps.staff, stepDue: deps.secondFactor.stepDue, clock: deps.clock }),
    }),
  );

  app.use(notFound);
  app.use(auditStaffRefusals({ audit: deps.audit, clock: deps.clock }));
  app.use(errorPages(deps.logger));
  return app;
}
