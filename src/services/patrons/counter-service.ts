/**
 * What staff do for a patron at the circulation counter: look him up, see why he cannot
 * log in, delete his PIN after seeing his University ID card, lift a block, register him,
 * correct his details (patron-edit.ts). No PIN and no ID number is ever shown or kept.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AttemptRepo } from '../../db/auth/attempt-repo.js';
import type { RecentAttempt } from '../../domain/auth/attempt-records.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { Database } from '../../db/engine/database.js';
import type { Patron } from '../../domain/patrons/patron.js';
import {
  validateAtCounter,
  type CounterProblem,
  type RegistrationField,
  type RegistrationProblem,
} from '../../domain/patrons/patron-registration.js';
import type { LockoutDecision } from '../../domain/auth/lockout-policy.js';
import type { Clock } from '../../lib/clock.js';
import type { AttemptGate } from '../auth/attempt-gate.js';
import { idFingerprint, toRegistration } from './patron-import-service.js';
import type { PinHasher } from '../pin/pin-hasher.js';
import type { PinReturnService } from '../pin/pin-return-service.js';
import { createPatronEdit } from './patron-edit.js';
import type { StaffContext } from './staff-context.js';

// Who acts, as the controllers and the circulation services have long imported it from here.
export type { StaffContext } from './staff-context.js';

export const SEARCH_LIMIT = 50;
export const RECENT_ATTEMPTS = 20;

export interface PatronOverview {
  patron: Patron;
  attempts: RecentAttempt[];
  block: LockoutDecision;
  /** Stopped by the hard limit: only a reset of the PIN lets him in again. */
  suspended: boolean;
}

export type CounterService = ReturnType<typeof createCounterService>;

export function createCounterService(deps: {
  db: Database;
  patrons: PatronRepo;
  attempts: AttemptRepo;
  audit: AuditRepo;
  gate: AttemptGate;
  hasher: PinHasher;
  pinReturn: PinReturnService;
  clock: Clock;
  secret: string;
  /** Ends every session of a patron: when the PIN that opens the account changes. */
  endSessionsOf: (patronId: number) => void;
}) {
  const { db, patrons, attempts, audit, gate, hasher, pinReturn, clock, secret, endSessionsOf } = deps;

  /** The patron with that barcode, however it was typed. */
  const findPatron = (barcode: string): Patron | undefined => patrons.findByBarcode(barcode.trim().toUpperCase());

  return {
    ...createPatronEdit({ db, patrons, audit, hasher, clock, secret, endSessionsOf }),

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
        // Newest first, so those typed before the barcode was registered (by someone else, for no
        // account) are the oldest of the list: they are not this patron's, and are left out.
        attempts: attempts.recent(patron.barcode, RECENT_ATTEMPTS).filter((attempt) => attempt.atMs >= patron.registeredAt),
        block: gate.status(patron.barcode),
        suspended: gate.isSuspended(patron.barcode),
      };
    },

    /** Whether the patron's PIN login is blocked now (the one-minute block) or stopped by the hard limit. */
    loginStatus(patron: Patron): Pick<PatronOverview, 'block' | 'suspended'> {
      return { block: gate.status(patron.barcode), suspended: gate.isSuspended(patron.barcode) };
    },

    /** docs/rules.md §7: only after the University ID card was seen. */
    deletePin(patron: Patron, idCardChecked: boolean, by: StaffContext): 'deleted' | 'id-not-checked' {
      if (!idCardChecked) return 'id-not-checked';
      pinReturn.returnToDefault(patron, { how: 'counter', staffId: by.staffId }, by.clientAddress);
      return 'deleted';
    },

    liftBlock(patron: Patron, by: StaffContext): void {
      db.transaction(() => {
        gate.lift(patron.barcode);
        audit.record(
          { actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'block.lifted', clientAddress: by.clientAddress },
          clock.now(),
        );
      });
    },

    /**
     * The same fields and checks as the CSV import, and the formats of the barcode and ID numbers
     * (a person types them from a card); a barcode already registered is refused, not overwritten.
     */
    async register(
      fields: Partial<Record<RegistrationField, string>>,
      by: StaffContext,
    ): Promise<
      | { kind: 'invalid'; problems: CounterProblem[] }
      | { kind: 'exists'; patron: Patron }
      | { kind: 'registered'; patron: Patron; warnings: RegistrationProblem[] }
    > {
      // A barcode already registered is said first: the rest of the form describes a patron who is already there.
      const taken = fields.barcode ? findPatron(fields.barcode) : undefined;
      if (taken) return { kind: 'exists', patron: taken };
      const result = validateAtCounter(fields);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const row = result.value;
      const existing = patrons.findByBarcode(row.barcode);
      if (existing) return { kind: 'exists', patron: existing };
      const defaultPinHash = await hasher.hash(row.defaultPin);
      return db.transaction(() => {
        const raced = patrons.findByBarcode(row.barcode);
        if (raced) return { kind: 'exists' as const, patron: raced };
        patrons.register({ ...toRegistration(row, idFingerprint(secret, row)), defaultPinHash }, clock.now());
        // Failures typed for this barcode before it was anybody's do not block the new patron.
        gate.lift(row.barcode);
        gate.clearSuspension(row.barcode);
        const patron = patrons.findByBarcode(row.barcode)!;
        audit.record(
          { actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'patron.registered', clientAddress: by.clientAddress },
          clock.now(),
        );
        return { kind: 'registered' as const, patron, warnings: row.warnings };
      });
    },
  };
}
