/**
 * The one place where the portal is wired together: repositories on the database,
 * services on the repositories, the app on the services. The server, the CLI and the
 * tests all build from here, so what is tested is what runs.
 */
import type { Config } from './config.js';
import type { Database } from './db/engine/database.js';
import { createPatronRepo } from './db/patrons/patron-repo.js';
import { createAttemptRepo } from './db/auth/attempt-repo.js';
import { createSessionRepo } from './db/auth/session-repo.js';
import { createStaffRepo } from './db/staff/staff-repo.js';
import { createResetTokenRepo } from './db/pin/reset-token-repo.js';
import { createAuditRepo } from './db/staff/audit-repo.js';
import { createTrustedDeviceRepo } from './db/auth/trusted-device-repo.js';
import { fileOffsetClock, systemClock, type Clock } from './lib/clock.js';
import { availableParallelism } from 'node:os';
import { createBcryptHasher, withConcurrencyLimit, type PinHasher } from './services/pin/pin-hasher.js';
import { createAttemptGate } from './services/auth/attempt-gate.js';
import { LIBRARY_LOCKOUT } from './domain/auth/lockout-policy.js';
import { createAuthService } from './services/auth/auth-service.js';
import { createPinChangeService } from './services/pin/pin-change-service.js';
import { loadCommonPins } from './services/pin/common-pins.js';
import { createPatronImportService } from './services/patrons/patron-import-service.js';
import { createMailer, type Mailer } from './services/mail/mailer.js';
import { createPatronNotices } from './services/mail/patron-notices.js';
import { createPinReturnService } from './services/pin/pin-return-service.js';
import { createPinResetService } from './services/pin/pin-reset-service.js';
import { createStaffAuthService } from './services/auth/staff-auth-service.js';
import { createSecondFactorService } from './services/auth/second-factor-service.js';
import { createSecondFactorRepo } from './db/auth/second-factor-repo.js';
import { createSecuritySummaryRepo } from './db/auth/security-summary-repo.js';
import { createAttackIncidentRepo } from './db/auth/attack-incident-repo.js';
import { createAttackAlert } from './services/auth/attack-alert.js';
import { createSecurityReportService } from './services/staff/security-report.js';
import { createSecretBox } from './lib/secret-box.js';
import { createStaffAccountService } from './services/staff/staff-account-service.js';
import { createCounterService } from './services/patrons/counter-service.js';
import { createCatalogueRepo } from './db/catalogue/catalogue-repo.js';
import { createLoanRepo } from './db/circulation/loan-repo.js';
import { createRequestRepo } from './db/circulation/request-repo.js';
import { createFineRepo } from './db/circulation/fine-repo.js';
import { createLoanRuleRepo } from './db/circulation/loan-rule-repo.js';
import { createLoanNoticeRepo } from './db/circulation/loan-notice-repo.js';
import { createStatusHistoryRepo } from './db/shared/status-history-repo.js';
import { createLoanNotices } from './services/circulation/loan-notices.js';
import { createHoldShelf } from './services/circulation/hold-shelf.js';
import { createCirculationService } from './services/circulation/circulation-service.js';
import { createCounterCirculationService } from './services/circulation/counter-circulation-service.js';
import { createFinePaymentService } from './services/circulation/fine-payment-service.js';
import { createCatalogueService } from './services/catalogue/catalogue-service.js';
import { createRecommendationRepo } from './db/recommendation/recommendation-repo.js';
import { createRecommendationService } from './services/recommendation/recommendation-service.js';
import { createRecommendationQueueService } from './services/recommendation/recommendation-queue-service.js';
import { createIllRepo } from './db/ill/ill-repo.js';
import { createIllLimitRepo } from './db/ill/ill-limit-repo.js';
import { createUploadStore } from './services/uploads/upload-store.js';
import { createIllChangeNotes } from './services/ill/ill-change-notes.js';
import { createIllService } from './services/ill/ill-service.js';
import { createIllQueueService } from './services/ill/ill-queue-service.js';
import { createIllCopyService } from './services/ill/ill-copy-service.js';
import { createBookingRepo } from './db/booking/booking-repo.js';
import { createFacilityRepo } from './db/booking/facility-repo.js';
import { createBookingNotes } from './services/booking/booking-notes.js';
import { createBookingService } from './services/booking/booking-service.js';
import { createFacilityService } from './services/booking/facility-service.js';
import { createKioskLinkRepo } from './db/booking/kiosk-link-repo.js';
import { createKioskService } from './services/booking/kiosk-service.js';
import { createDepositRepo } from './db/deposit/deposit-repo.js';
import { createDepositNotes } from './services/deposit/deposit-notes.js';
import { createDepositService } from './services/deposit/deposit-service.js';
import { SqliteSessionStore } from './web/session/session-store.js';
import { createApp } from './app.js';
import { consoleLogger, type Logger } from './lib/logger.js';

export interface PortalOverrides {
  hasher?: PinHasher;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
}

const DAY_MS = 86_400_000;

/** The portal on `source`: a Database of either dialect, or (tests) a better-sqlite3 connection. */
export function createPortal(config: Config, source: Database, overrides: PortalOverrides = {}) {
  const db = source;
  const clock = overrides.clock ?? (config.clockOffsetFile ? fileOffsetClock(config.clockOffsetFile) : systemClock);
  const hasher = overrides.hasher ?? withConcurrencyLimit(createBcryptHasher(config.bcryptCost), availableParallelism());
  const logger = overrides.logger ?? consoleLogger;
  const mailer =
    overrides.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.mailOutboxDir, logger, demo: !config.production });

  const patrons = createPatronRepo(db);
  const attempts = createAttemptRepo(db);
  const staff = createStaffRepo(db);
  const tokens = createResetTokenRepo(db);
  const audit = createAuditRepo(db);
  const devices = createTrustedDeviceRepo(db);
  const sessionStore = new SqliteSessionStore(createSessionRepo(db), clock, {
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  const endSessionsOf = (patronId: number) => void sessionStore.endSessionsOf(patronId);

  const notices = createPatronNotices({ mailer, publicUrl: config.publicUrl, logger });
  // What the admins' security page and the attack alert read, kept as attempts happen.
  const securitySummary = createSecuritySummaryRepo(db);
  const gate = createAttemptGate({
    db,
    attempts,
    devices,
    clock,
    summary: securitySummary,
    settings: {
      lockout: LIBRARY_LOCKOUT,
      addressLockout: config.addressMaxFailures > 0 ? { maxFailures: config.addressMaxFailures, windowMs: config.addressWindowMs } : null,
      hardLockFailures: config.hardLockFailures,
      deviceMaxFailures: config.deviceMaxFailures,
    },
  });
  const auth = createAuthService({ patrons, gate, hasher });
  const pinChange = createPinChangeService({
    db,
    patrons,
    tokens,
    audit,
    notices,
    gate,
    hasher,
    clock,
    minPinLength: config.minPinLength,
    commonPins: config.refuseCommonPins ? loadCommonPins(config.minPinLength) : null,
    endSessionsOf,
  });
  const pinReturn = createPinReturnService({
    db,
    patrons,
    tokens,
    audit,
    notices,
    clock,
    endSessionsOf,
    clearSuspension: gate.clearSuspension,
  });
  const pinReset = createPinResetService({
    db,
    patrons,
    tokens,
    audit,
    notices,
    pinReturn,
    clock,
    summary: securitySummary,
    limits: {
      perBarcodeAddressHour: config.resetRequestsPerBarcodeAddressHour,
      perAddressHour: config.resetRequestsPerAddressHour,
      perBarcodeHour: config.resetRequestsPerBarcodeHour,
    },
  });
  const importer = createPatronImportService({ db, patrons, hasher, clock, secret: config.appSecret });
  // Staff two-factor sign-in: the TOTP secrets sealed with a key of their own derived from APP_SECRET.
  const secondFactor = createSecondFactorService({
    factors: createSecondFactorRepo(db),
    staff,
    gate,
    audit,
    clock,
    box: createSecretBox(config.appSecret, 'staff totp secret'),
    setting: config.staff2fa,
  });
  const attackAlert = createAttackAlert({
    summary: securitySummary,
    incidents: createAttackIncidentRepo(db),
    staff,
    mailer,
    logger,
    clock,
    threshold: config.attackAlertFailures,
    publicUrl: config.publicUrl,
  });
  const staffAuth = createStaffAuthService({ staff, gate, hasher, audit, clock, secondStepFor: secondFactor.secondStepFor });
  const staffAccounts = createStaffAccountService({
    db,
    staff,
    audit,
    hasher,
    clock,
    endStaffSessionsOf: (staffId) => void sessionStore.endStaffSessionsOf(staffId),
    clearSuspension: gate.clearSuspension,
    isSuspended: gate.isSuspended,
  });
  const counter = createCounterService({
    db,
    patrons,
    attempts,
    audit,
    gate,
    hasher,
    pinReturn,
    clock,
    secret: config.appSecret,
    endSessionsOf,
  });

  const catalogue = createCatalogueRepo(db);
  const loans = createLoanRepo(db);
  const requests = createRequestRepo(db);
  const fines = createFineRepo(db);
  const rules = createLoanRuleRepo(db);
  const holdShelf = createHoldShelf({ catalogue, requests, patrons, notices, clock });
  const circulation = createCirculationService({ db, catalogue, loans, requests, fines, rules, holdShelf, clock });
  const counterCirculation = createCounterCirculationService({
    db,
    patrons,
    catalogue,
    loans,
    requests,
    fines,
    rules,
    audit,
    holdShelf,
    clock,
  });
  const catalogueService = createCatalogueService({ db, catalogue, requests });
  const loanNotices = createLoanNotices({
    db,
    loanNotices: createLoanNoticeRepo(db),
    patrons,
    rules,
    mailer,
    clock,
    logger,
    publicUrl: config.publicUrl,
    reminderDays: config.dueReminderDays,
  });
  const payments = createFinePaymentService({ db, fines, audit, clock });
  // The statuses of what patrons ask staff for, shared by every such service.
  const history = createStatusHistoryRepo(db);
  const recommendationRepo = createRecommendationRepo(db);
  const recommendations = createRecommendationService({ db, recommendations: recommendationRepo, catalogue, requests, history, clock });
  const recommendationQueue = createRecommendationQueueService({
    db,
    recommendations: recommendationRepo,
    catalogue,
    requests,
    patrons,
    history,
    audit,
    notices,
    placeRequest: circulation.placeRequest,
    clock,
    publicUrl: config.publicUrl,
  });
  // Uploaded files (interlibrary loan copies; deposits next), streamed to UPLOAD_DIR.
  const uploads = createUploadStore({ dir: config.uploadDir, maxBytes: config.uploadMaxMb * 1024 * 1024 });
  const illRequests = createIllRepo(db);
  const illLimits = createIllLimitRepo(db);
  const illNotes = createIllChangeNotes({ history, audit, notices, patrons, publicUrl: config.publicUrl });
  const ill = createIllService({ db, ill: illRequests, limits: illLimits, catalogue, history, clock });
  const illQueue = createIllQueueService({ db, ill: illRequests, limits: illLimits, history, notes: illNotes, clock });
  const illCopies = createIllCopyService({ db, ill: illRequests, limits: illLimits, uploads, notes: illNotes, clock, logger });
  // iBooking: rooms and computers by the slot.
  const bookingRepo = createBookingRepo(db);
  const facilityRepo = createFacilityRepo(db);
  const bookingNotes = createBookingNotes({ history, audit, notices, patrons, publicUrl: config.publicUrl });
  const bookings = createBookingService({
    db,
    bookings: bookingRepo,
    facilities: facilityRepo,
    patrons,
    history,
    notes: bookingNotes,
    clock,
    publicUrl: config.publicUrl,
  });
  const facilitiesDesk = createFacilityService({ db, facilities: facilityRepo, bookings: bookingRepo, audit, notes: bookingNotes, clock });
  // A facility's check-in screen in a public place: a link, not a staff session; the PIN through the login's gate.
  const kiosks = createKioskService({ db, links: createKioskLinkRepo(db), bookings, auth, audit, clock });
  // Institutional Research Archive Online Submission: deposits, their PDFs in the same store.
  const depositRepo = createDepositRepo(db);
  const depositNotes = createDepositNotes({ history, audit, notices, patrons, publicUrl: config.publicUrl });
  const deposits = createDepositService({
    db,
    deposits: depositRepo,
    history,
    notes: depositNotes,
    uploads,
    clock,
    logger,
    draftDays: config.depositDraftDays,
  });

  const app = createApp({
    config,
    patrons,
    staff,
    audit,
    sessionStore,
    auth,
    pinChange,
    pinReset,
    staffAuth,
    secondFactor,
    securityReports: createSecurityReportService({ summary: securitySummary, clock }),
    staffAccounts,
    counter,
    circulation,
    counterCirculation,
    payments,
    catalogue: catalogueService,
    recommendations,
    recommendationQueue,
    ill,
    illQueue,
    illCopies,
    bookings,
    facilitiesDesk,
    kiosks,
    deposits,
    logger,
    clock,
  });

  /**
   * Deletes what has outlived its use: expired sessions, links and trusted devices; attempts,
   * failure streaks of keys that belong to nobody, and lifted blocks past the retention period.
   * Lapses uncollected holds; mails the due-date reminders and overdue notices now due. Deletes
   * interlibrary loan copies past their days, partial uploads a stopped server left, and stored
   * files that no interlibrary loan request or deposit names. Releases the bookings nobody
   * checked in 10 minutes after their start (no-shows). Warns the authors of deposit drafts left
   * untouched, and deletes those drafts (with their files) when their days are up.
   */
  function housekeeping(): void {
    const now = clock.now();
    const retentionCutoff = now - config.attemptRetentionDays * DAY_MS;
    sessionStore.purgeExpired();
    attempts.deleteOlderThan(retentionCutoff);
    attempts.deleteOrphanStreaksOlderThan(retentionCutoff);
    attempts.deleteLiftsOlderThan(retentionCutoff);
    securitySummary.deleteOlderThan(retentionCutoff);
    tokens.deleteOlderThan(now - DAY_MS);
    devices.deleteExpired(now);
    circulation.expireUncollectedHolds();
    loanNotices.sendDue();
    bookings.releaseNoShows();
    // Drafts nobody has changed for DEPOSIT_DRAFT_DAYS: mailed 14 days before, then deleted with their files.
    void deposits.expireDrafts().catch((err: unknown) => logger.error('expiring deposit drafts failed', err));
    // Copies past their days: the file goes, the request says so.
    void illCopies.expireCopies().catch((err: unknown) => logger.error('expiring interlibrary loan copies failed', err));
    // What uploads cut short by a stopped server left behind.
    void uploads.sweepPartials(now, DAY_MS).catch((err: unknown) => logger.error('sweeping partial uploads failed', err));
    // Whole files no row names (stored but never recorded, or replaced and not yet deleted), a day old:
    // an upload being recorded now is far younger.
    void uploads
      .sweepOrphans(now, DAY_MS, (name) => illRequests.namesFile(name) || depositRepo.namesFile(name))
      .catch((err: unknown) => logger.error('sweeping orphan uploads failed', err));
  }

  return {
    app,
    db,
    auth,
    attackAlert,
    clock,
    hasher,
    patrons,
    attempts,
    staff,
    audit,
    sessionStore,
    importer,
    staffAccounts,
    notices,
    loanNotices,
    housekeeping,
    logger,
    catalogue: catalogueService,
    circulation,
    counterCirculation,
    recommendations,
    ill,
    illCopies,
    deposits,
    uploads,
    bookings,
    facilitiesDesk,
    repos: {
      catalogue,
      loans,
      requests,
      fines,
      history,
      recommendations: recommendationRepo,
      ill: illRequests,
      bookings: bookingRepo,
      facilities: facilityRepo,
      deposits: depositRepo,
    },
  };
}

export type Portal = ReturnType<typeof createPortal>;
