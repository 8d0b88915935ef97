/**
 * What every area is built on: the database, the clock, bcrypt, the logger and mail, and the few
 * records more than one area reads or writes — patrons, staff, the audit log, the status history of
 * staff queues, the catalogue's records, the sessions and the upload store. Built once per portal.
 */
import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';
import type { Database } from '../db/engine/database.js';
import { createPatronRepo } from '../db/patrons/patron-repo.js';
import { createStaffRepo } from '../db/staff/staff-repo.js';
import { createAuditRepo } from '../db/staff/audit-repo.js';
import { createSessionRepo } from '../db/auth/session-repo.js';
import { createStatusHistoryRepo } from '../db/shared/status-history-repo.js';
import { createCatalogueRepo } from '../db/catalogue/catalogue-repo.js';
import { fileOffsetClock, systemClock, type Clock } from '../lib/clock.js';
import { consoleLogger, type Logger } from '../lib/logger.js';
import { createBcryptHasher, withConcurrencyLimit, type PinHasher } from '../services/pin/pin-hasher.js';
import { createMailer, type Mailer } from '../services/mail/mailer.js';
import { createPatronNotices } from '../services/mail/patron-notices.js';
import { createUploadStore } from '../services/uploads/upload-store.js';
import { SqliteSessionStore } from '../web/session/session-store.js';

/** What a test (or the demo) may put in place of the real thing. */
export interface PortalOverrides {
  hasher?: PinHasher;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
}

export type Kernel = ReturnType<typeof createKernel>;

export function createKernel(config: Config, db: Database, overrides: PortalOverrides = {}) {
  const clock = overrides.clock ?? (config.clockOffsetFile ? fileOffsetClock(config.clockOffsetFile) : systemClock);
  const hasher = overrides.hasher ?? withConcurrencyLimit(createBcryptHasher(config.bcryptCost), availableParallelism());
  const logger = overrides.logger ?? consoleLogger;
  const mailer =
    overrides.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.mailOutboxDir, logger, demo: !config.production });
  const sessionStore = new SqliteSessionStore(createSessionRepo(db), clock, {
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  return {
    config,
    db,
    clock,
    hasher,
    logger,
    mailer,
    notices: createPatronNotices({ mailer, publicUrl: config.publicUrl, logger }),
    patrons: createPatronRepo(db),
    staff: createStaffRepo(db),
    audit: createAuditRepo(db),
    // The statuses of what patrons ask staff for, shared by every such service.
    history: createStatusHistoryRepo(db),
    // The catalogue's records: circulation lends them, recommendations and interlibrary loans look them up.
    catalogue: createCatalogueRepo(db),
    sessionStore,
    /** Ends a patron's sessions everywhere: after a PIN change, a reset or a deleted PIN. */
    endSessionsOf: (patronId: number) => void sessionStore.endSessionsOf(patronId),
    // Uploaded files (interlibrary loan copies, deposits), streamed to UPLOAD_DIR.
    uploads: createUploadStore({ dir: config.uploadDir, maxBytes: config.uploadMaxMb * 1024 * 1024 }),
  };
}
