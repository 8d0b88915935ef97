/**
 * Patrons: registering one at the counter, importing many from the registry's CSV, and the
 * counter's patron pages (look up, edit, delete a forgotten PIN, lift a block).
 */
import type { AttemptRepo } from '../db/auth/attempt-repo.js';
import type { AttemptGate } from '../services/auth/attempt-gate.js';
import type { CirculationService } from '../services/circulation/circulation-service.js';
import { createCounterService } from '../services/patrons/counter-service.js';
import { createPatronImportService } from '../services/patrons/patron-import-service.js';
import type { PinReturnService } from '../services/pin/pin-return-service.js';
import { patronRoutes } from '../web/patrons/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function patronsModule(
  k: Kernel,
  given: { attempts: AttemptRepo; gate: AttemptGate; pinReturn: PinReturnService; circulation: CirculationService },
) {
  const { config, db, clock, patrons, hasher } = k;
  const importer = createPatronImportService({ db, patrons, hasher, clock, secret: config.appSecret });
  const counter = createCounterService({
    db,
    patrons,
    attempts: given.attempts,
    audit: k.audit,
    gate: given.gate,
    hasher,
    pinReturn: given.pinReturn,
    clock,
    secret: config.appSecret,
    endSessionsOf: k.endSessionsOf,
  });
  const area: Area = { routes: (web) => patronRoutes({ counter, circulation: given.circulation }, web) };
  return { area, services: { importer }, counter };
}
