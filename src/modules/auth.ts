/**
 * Logins and sessions: the attempt gate every PIN and password passes (the one-minute block, the
 * address and hard limits, trusted devices), patron and staff logins, the staff's second factor and
 * the alert mailed to administrators when failures pile up.
 */
import { createAttemptRepo } from '../db/auth/attempt-repo.js';
import { createTrustedDeviceRepo } from '../db/auth/trusted-device-repo.js';
import { createSecondFactorRepo } from '../db/auth/second-factor-repo.js';
import { createSecuritySummaryRepo } from '../db/auth/security-summary-repo.js';
import { createAttackIncidentRepo } from '../db/auth/attack-incident-repo.js';
import { LIBRARY_LOCKOUT } from '../domain/auth/lockout-policy.js';
import { createSecretBox } from '../lib/secret-box.js';
import { createAttemptGate } from '../services/auth/attempt-gate.js';
import { createAuthService } from '../services/auth/auth-service.js';
import { createSecondFactorService } from '../services/auth/second-factor-service.js';
import { createAttackAlert } from '../services/auth/attack-alert.js';
import { createStaffAuthService } from '../services/auth/staff-auth-service.js';
import { authRoutes } from '../web/auth/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

const DAY_MS = 86_400_000;

export function authModule(k: Kernel) {
  const { config, db, clock, staff, audit } = k;
  const attempts = createAttemptRepo(db);
  const devices = createTrustedDeviceRepo(db);
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
  const auth = createAuthService({ patrons: k.patrons, gate, hasher: k.hasher });
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
  const staffAuth = createStaffAuthService({ staff, gate, hasher: k.hasher, audit, clock, secondStepFor: secondFactor.secondStepFor });
  const attackAlert = createAttackAlert({
    summary: securitySummary,
    incidents: createAttackIncidentRepo(db),
    staff,
    mailer: k.mailer,
    logger: k.logger,
    clock,
    threshold: config.attackAlertFailures,
    publicUrl: config.publicUrl,
  });

  const area: Area = {
    routes: (web) => authRoutes({ auth, staffAuth, secondFactor, staff }, web),
    housekeeping: [
      {
        // Expired sessions and trusted devices; attempts, failure streaks of keys that belong to
        // nobody, lifted blocks and the security page's counts past the retention period.
        what: 'deleting expired sessions and old attempts',
        run(now) {
          const retentionCutoff = now - config.attemptRetentionDays * DAY_MS;
          k.sessionStore.purgeExpired();
          attempts.deleteOlderThan(retentionCutoff);
          attempts.deleteOrphanStreaksOlderThan(retentionCutoff);
          attempts.deleteLiftsOlderThan(retentionCutoff);
          securitySummary.deleteOlderThan(retentionCutoff);
          devices.deleteExpired(now);
        },
      },
    ],
  };
  return { area, services: { auth, attackAlert, attempts }, gate, secondFactor, securitySummary };
}
