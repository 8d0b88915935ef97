/**
 * Both ways back from a forgotten PIN end the same (docs/rules.md §7): the chosen PIN is
 * deleted, the default applies again with the forced change at the next login, every
 * session of the patron ends, every unused reset link of his stops working, the patron is
 * mailed a notice, and the audit log says who.
 */
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { ResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import type { Locale } from '../../domain/shared/locale.js';
import type { PatronNotices } from '../mail/patron-notices.js';

/** `askedIn`: the language of the page where the link was followed, for a patron whose own is not known. */
export type ReturnedBy = { how: 'online'; askedIn: Locale } | { how: 'counter'; staffId: number };

export type PinReturnService = ReturnType<typeof createPinReturnService>;

export function createPinReturnService(deps: {
  db: Database;
  patrons: PatronRepo;
  tokens: ResetTokenRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  clock: Clock;
  endSessionsOf(patronId: number): void;
  /** Lifts the hard limit on the barcode: a reset is what ends it. */
  clearSuspension(key: string): void;
}) {
  const { db, patrons, tokens, audit, notices, clock } = deps;
  return {
    /** Call inside a transaction to make it part of a larger step (using a reset link). */
    returnToDefault(patron: Patron, by: ReturnedBy, clientAddress: string | null): number {
      const now = clock.now();
      db.transaction(() => {
        patrons.setChosenPinHash(patron.id, null, now);
        tokens.retireUnusedOf(patron.id, now);
        audit.record(
          by.how === 'online'
            ? { actor: 'patron', patronId: patron.id, action: 'pin.reset.online', clientAddress }
            : { actor: 'staff', staffId: by.staffId, patronId: patron.id, action: 'pin.deleted.counter', clientAddress },
          now,
        );
        deps.endSessionsOf(patron.id);
        deps.clearSuspension(patron.barcode);
      });
      notices.pinReturnedToDefault(patron, now, by.how, by.how === 'online' ? by.askedIn : undefined);
      return now;
    },
  };
}
