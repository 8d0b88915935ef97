/**
 * The PIN: changing it ("Modify your PIN", with the trivial-PIN rules), the e-mailed link that
 * leads back from a forgotten one, and the return to the default PIN that staff and that link share.
 */
import { createResetTokenRepo } from '../db/pin/reset-token-repo.js';
import { createPinChangeService } from '../services/pin/pin-change-service.js';
import { createPinReturnService } from '../services/pin/pin-return-service.js';
import { createPinResetService } from '../services/pin/pin-reset-service.js';
import { loadCommonPins } from '../services/pin/common-pins.js';
import type { AttemptGate } from '../services/auth/attempt-gate.js';
import type { SecuritySummaryRepo } from '../db/auth/security-summary-repo.js';
import { pinRoutes } from '../web/pin/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

const DAY_MS = 86_400_000;

export function pinModule(k: Kernel, given: { gate: AttemptGate; securitySummary: SecuritySummaryRepo }) {
  const { config, db, clock, patrons, audit, notices, endSessionsOf } = k;
  const { gate } = given;
  const tokens = createResetTokenRepo(db);
  const pinChange = createPinChangeService({
    db,
    patrons,
    tokens,
    audit,
    notices,
    gate,
    hasher: k.hasher,
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
    summary: given.securitySummary,
    limits: {
      perBarcodeAddressHour: config.resetRequestsPerBarcodeAddressHour,
      perAddressHour: config.resetRequestsPerAddressHour,
      perBarcodeHour: config.resetRequestsPerBarcodeHour,
    },
  });

  const area: Area = {
    routes: (web) => pinRoutes({ pinChange, pinReset }, web),
    // Reset links live an hour; their rows a day.
    housekeeping: [{ what: 'deleting old PIN reset links', run: (now) => tokens.deleteOlderThan(now - DAY_MS) }],
  };
  return { area, services: {}, pinReturn };
}
