/**
 * What staff do for a patron at the circulation counter: look him up, see why he cannot
 * log in, delete his PIN after seeing his University ID card, lift a block, register him.
 * No PIN and no ID number is ever shown or kept.
 */
import type { AuditRepo } from '../db/audit-repo.js';
import type { AttemptRepo, RecentAttempt } from '../db/attempt-repo.js';
import type { PatronRepo } from '../db/patron-repo.js';
import { immediately, type Db } from '../db/connection.js';
import type { Patron } from '../domain/patron.js';
import { validateRegistration, type RegistrationField, type RegistrationProblem } from '../domain/patron-registration.js';
import type { LockoutDecision } from '../domain/lockout/lockout-policy.js';
import type { Clock } from '../lib/clock.js';
import type { AttemptGate } from './attempt-gate.js';
import { idFingerprint, toRegistration } from './patron-import-service.js';
import type { PinHasher } from './pin-hasher.js';
import type { PinReturnService } from './pin-return-service.js';

export const SEARCH_LIMIT = 50;
export const RECENT_ATTEMPTS = 20;

export interface PatronOverview {
  patron: Patron;
  attempts: RecentAttempt[];
  block: LockoutDecision;
  /** Stopped by the hard limit: only a reset of the PIN lets him in again. */
  suspended: boolean;
}

export interface StaffContext {
  staffId: number;
  clientAddress: string | null;
}

export type CounterService = ReturnType<typeof createCounterService>;

export function createCounterService(deps: {
  db: Db;
  patrons: PatronRepo;
  attempts: AttemptRepo;
  audit: AuditRepo;
  gate: AttemptGate;
  hasher: PinHasher;
  pinReturn: PinReturnService;
  clock: Clock;
  secret: string;
}) {
  const { db, patrons, attempts, audit, gate, hasher, pinReturn, clock, secret } = deps;

  /** The patron with that barcode, however it was typed. */
  const findPatron = (barcode: string): Patron | undefined => patrons.findByBarcode(barcode.trim().toUpperCase());

  return {
    search(query: string): Patron[] {
      const trimmed = query.trim();
      return trimmed === '' ? [] : patrons.search(trimmed.slice(0, 200), SEARCH_LIMIT);
    },

    findPatron,

    overview(barcode: string): PatronOverview | undefined {
      const patron = findPatron(barcode);
      if (!patron) return undefined;
      return {
        patron,
        attempts: attempts.recent(patron.barcode, RECENT_ATTEMPTS),
        block: gate.status(patron.barcode),
        suspended: gate.isSuspended(patron.barcode),
      };
    },

    /** pin-policy.md §7: only after the University ID card was seen. */
    deletePin(patron: Patron, idCardChecked: boolean, by: StaffContext): 'deleted' | 'id-not-checked' {
      if (!idCardChecked) return 'id-not-checked';
      pinReturn.returnToDefault(patron, { how: 'counter', staffId: by.staffId }, by.clientAddress);
      return 'deleted';
    },

    liftBlock(patron: Patron, by: StaffContext): void {
      immediately(db, () => {
        gate.lift(patron.barcode);
        audit.record({ actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'block.lifted', clientAddress: by.clientAddress }, clock.now());
      });
    },

    /** The same fields and checks as the CSV import; a barcode already registered is refused, not overwritten. */
    async register(
      fields: Partial<Record<RegistrationField, string>>,
      by: StaffContext,
    ): Promise<{ kind: 'invalid'; problems: RegistrationProblem[] } | { kind: 'exists'; patron: Patron } | { kind: 'registered'; patron: Patron; warnings: RegistrationProblem[] }> {
      const result = validateRegistration(fields);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const row = result.value;
      const existing = patrons.findByBarcode(row.barcode);
      if (existing) return { kind: 'exists', patron: existing };
      const defaultPinHash = await hasher.hash(row.defaultPin);
      return immediately(db, () => {
        const raced = patrons.findByBarcode(row.barcode);
        if (raced) return { kind: 'exists' as const, patron: raced };
        patrons.register({ ...toRegistration(row, idFingerprint(secret, row)), defaultPinHash }, clock.now());
        const patron = patrons.findByBarcode(row.barcode)!;
        audit.record({ actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'patron.registered', clientAddress: by.clientAddress }, clock.now());
        return { kind: 'registered' as const, patron, warnings: row.warnings };
      });
    },
  };
}
