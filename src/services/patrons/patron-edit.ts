/**
 * "Edit patron" at the counter: name, e-mail, type, expiry, and a corrected ID number, audited by
 * what changed and never by value. A new number gives a new default PIN (hash and fingerprint); a PIN
 * the patron chose is never touched. No ID number is ever kept.
 */
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { Database } from '../../db/engine/database.js';
import type { Patron } from '../../domain/patrons/patron.js';
import {
  validatePatronEdit,
  type CounterProblem,
  type EditField,
  type RegistrationProblem,
} from '../../domain/patrons/patron-registration.js';
import type { Clock } from '../../lib/clock.js';
import { idFingerprint } from './patron-import-service.js';
import type { PinHasher } from '../pin/pin-hasher.js';
import type { StaffContext } from './staff-context.js';

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

export function createPatronEdit(deps: {
  db: Database;
  patrons: PatronRepo;
  audit: AuditRepo;
  hasher: PinHasher;
  clock: Clock;
  secret: string;
  /** Ends every session of a patron: when the PIN that opens the account changes. */
  endSessionsOf: (patronId: number) => void;
}) {
  const { db, patrons, audit, hasher, clock, secret, endSessionsOf } = deps;

  /** The patron with that barcode, however it was typed. */
  const findPatron = (barcode: string): Patron | undefined => patrons.findByBarcode(barcode.trim().toUpperCase());

  return {
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
