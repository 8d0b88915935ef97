/**
 * The one place where the portal is wired together: repositories on the database,
 * services on the repositories, the app on the services. The server, the CLI and the
 * tests all build from here, so what is tested is what runs.
 */
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { createPatronRepo } from './db/patron-repo.js';
import { createAttemptRepo } from './db/attempt-repo.js';
import { createSessionRepo } from './db/session-repo.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createBcryptHasher, type PinHasher } from './services/pin-hasher.js';
import { createAttemptGate } from './services/attempt-gate.js';
import { createAuthService } from './services/auth-service.js';
import { createPinChangeService } from './services/pin-change-service.js';
import { createPatronImportService } from './services/patron-import-service.js';
import { SqliteSessionStore } from './web/session-store.js';
import { createApp } from './app.js';
import type { Logger } from './web/middleware/error-pages.js';

export interface PortalOverrides {
  hasher?: PinHasher;
  clock?: Clock;
  logger?: Logger;
}

/** Writes to stderr, never a request body: PINs and ID numbers cannot reach the log. */
export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, err) => console.error(message, err instanceof Error ? err.stack ?? err.message : ''),
};

export function createPortal(config: Config, db: Db, overrides: PortalOverrides = {}) {
  const clock = overrides.clock ?? systemClock;
  const hasher = overrides.hasher ?? createBcryptHasher(config.bcryptCost);
  const logger = overrides.logger ?? consoleLogger;

  const patrons = createPatronRepo(db);
  const attempts = createAttemptRepo(db);
  const sessionStore = new SqliteSessionStore(createSessionRepo(db), clock, {
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  const gate = createAttemptGate({ db, attempts, clock });
  const auth = createAuthService({ patrons, gate, hasher });
  const pinChange = createPinChangeService({
    patrons,
    gate,
    hasher,
    clock,
    minPinLength: config.minPinLength,
    endSessionsOf: (patronId) => sessionStore.endSessionsOf(patronId),
  });
  const importer = createPatronImportService({ db, patrons, hasher, clock, secret: config.appSecret });
  const app = createApp({ config, patrons, sessionStore, auth, pinChange, logger });

  /** Deletes what has outlived its use: expired sessions, attempts past the retention period. */
  function housekeeping(): void {
    sessionStore.purgeExpired();
    attempts.deleteOlderThan(clock.now() - config.attemptRetentionDays * 86_400_000);
  }

  return { app, db, clock, hasher, patrons, attempts, sessionStore, importer, housekeeping, logger };
}

export type Portal = ReturnType<typeof createPortal>;
