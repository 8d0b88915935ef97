/**
 * What staff do for a patron at the circulation counter: look him up, see why he cannot
 * log in, delete his PIN after seeing his University ID card, lift a block, register him,
 * correct his details. No PIN and no ID number is ever shown or kept.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AttemptRepo, RecentAttempt } from '../../db/auth/attempt-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { Database } from '../../db/engine/database.js';
import type { Patron } from '../../domain/patrons/patron.js';
import {
  validateAtCounter,
  validatePatronEdit,
  type CounterProblem,
  type EditField,
  type RegistrationField,
  type RegistrationProblem,
} from '../../domain/patrons/patron-registration.js';
import type { LockoutDecision } from '../../domain/auth/lockout-policy.js';
import type { Clock } from '../../lib/clock.js';
import type { AttemptGate } from '../auth/attempt-gate.js';
import { idFingerprint, toRegistration } from './patron-import-service.js';
import type { PinHasher } from '../pin/pin-hasher.js';
import type { PinReturnService } from '../pin/pin-return-service.js';

export const SEARCH_LIMIT = 50;
export const RECENT_ATTEMPTS = 20;

export interface PatronOverview {
  patron: Patron;
  attempts: RecentAttempt[];
  block: LockoutDecision;
  /** Stopped by the hard limit: only a reset of the PIN lets him in again. */
  suspended: boolean;
}

/** What an edit changed, as the audit log records it (never the ID number itself: only that it changed). */
export const PATRON_CHANGES = ['name', 'email', 'patron_type', 'expiry_date', 'id_number'] as const;
export type PatronChange = (typeof PATRON_CHANGES)[number];

/**
 * What a corrected ID number did to the PIN the patron logs in with: nothing (no new number), the
 * default PIN changed with it (the patron is still on it), or the PIN the patron chose was kept.
 */
export type PinEffect = 'none' | 'default-changed' | 'chosen-kept';

export type EditResult =
  | { kind: 'not-found' }
  | { kind: 'invalid'; problems: CounterProblem[] }
  | { kind: 'saved'; patron: Patron; changes: PatronChange[]; pin: PinEffect; warnings: RegistrationProblem[] };

export interface StaffContext {
  staffId: number;
  clientAddress: string | null;
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

    /**
     * "Edit patron": name, e-mail, type, expiry, and a corrected ID number. A new number gives a
     * new default PIN (hash and fingerprint); a PIN the patron chose is never touched. While the
     * patron is still on the default PIN, it is the PIN that changes: his sessions end.
     */
    async edit(barcode: string, fields: Partial<Record<EditField, string>>, by: StaffContext): Promise<EditResult> {
      if (!findPatron(barcode)) return { kind: 'not-found' };
      const result = validatePatronEdit(fields);
      if (!result.ok) return { kind: 'invalid', problems: result.problems };
      const { profile, id } = result.value;
      const correction = id && {
        idDocument: id.idDocument,
        idFingerprint: idFingerprint(secret, id),
        defaultPinHash: await hasher.hash(id.defaultPin),
      };

      const saved = db.transaction((): EditResult => {
        // Read again inside the transaction: what is compared is what is overwritten.
        const current = findPatron(barcode);
        if (!current) return { kind: 'not-found' };
        const changes = PATRON_CHANGES.filter((change) => {
          switch (change) {
            case 'name':
              return profile.name !== current.name;
            case 'email':
              return profile.email !== current.email;
            case 'patron_type':
              return profile.patronType !== current.patronType;
            case 'expiry_date':
              return profile.expiryDate !== current.expiryDate;
            case 'id_number':
              return correction !== null && correction.idFingerprint !== current.idFingerprint;
          }
        });
        if (changes.length === 0) return { kind: 'saved', patron: current, changes, pin: 'none', warnings: id?.warnings ?? [] };
        const now = clock.now();
        patrons.updateDetails(current.id, profile, now);
        const idChanged = correction !== null && changes.includes('id_number');
        if (idChanged) patrons.correctIdNumber(current.id, correction, now);
        audit.record(
          {
            actor: 'staff',
            staffId: by.staffId,
            patronId: current.id,
            action: 'patron.edited',
            clientAddress: by.clientAddress,
            detail: changes.join(','),
          },
          now,
        );
        const pin: PinEffect = !idChanged ? 'none' : current.chosenPinHash === null ? 'default-changed' : 'chosen-kept';
        return { kind: 'saved', patron: patrons.findById(current.id)!, changes, pin, warnings: id?.warnings ?? [] };
      });
      // A session opened with the old default PIN does not outlive it.
      if (saved.kind === 'saved' && saved.pin === 'default-changed') endSessionsOf(saved.patron.id);
      return saved;
    },
  };
}
