/**
 * Kiosk links: a facility's check-in screen in a public place, reached by /kiosk/:token rather
 * than a staff session. Facilities staff make a link (a random token, shown to them once; only its
 * SHA-256 is stored, and a new link retires the facility's old one). A patron checks in there with
 * barcode and PIN, checked by the login's own check (auth-service.ts checkPin), so the attempt
 * gate counts kiosk and login attempts together and the one-minute block holds at the kiosk too.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { KioskLinkRepo } from '../../db/booking/kiosk-link-repo.js';
import type { Facility } from '../../domain/booking/facility.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { AuthService, PinCheck } from '../auth/auth-service.js';
import type { StaffActor } from './booking-notes.js';
import type { KioskCheckInResult } from './booking-check-in-service.js';
import type { BookingService } from './booking-service.js';

/** Longer than any token made here: a longer one is not looked up at all. */
const TOKEN_MAX = 64;

export type MakeLinkResult = { kind: 'made'; token: string; facility: Facility } | { kind: 'not-found' };

export type KioskResult = { kind: 'not-found' } | Exclude<PinCheck, { kind: 'verified' }> | KioskCheckInResult;

export type KioskService = ReturnType<typeof createKioskService>;

export function createKioskService(deps: {
  db: Database;
  links: KioskLinkRepo;
  bookings: Pick<BookingService, 'facility' | 'kioskDay' | 'checkInAt'>;
  auth: Pick<AuthService, 'checkPin'>;
  audit: AuditRepo;
  clock: Clock;
  /** 32 random bytes, base64url, unless a test gives its own. */
  newToken?: () => string;
}) {
  const { db, links, bookings, auth, audit, clock } = deps;
  const newToken = deps.newToken ?? (() => randomBytes(32).toString('base64url'));

  function facilityOf(token: string): number | undefined {
    return token.length > TOKEN_MAX ? undefined : links.facilityOf(sha256Hex(token));
  }

  return {
    /** A new link for the facility, retiring its old one; the token is returned once and kept nowhere. */
    makeLink(actor: StaffActor, facilityId: number): MakeLinkResult {
      const facility = bookings.facility(facilityId);
      if (!facility) return { kind: 'not-found' };
      const token = newToken();
      db.transaction(() => {
        const at = clock.now();
        links.replace(facility.id, sha256Hex(token), actor.staffId, at);
        audit.record(
          {
            actor: 'staff',
            staffId: actor.staffId,
            action: 'kiosk.link-made',
            clientAddress: actor.clientAddress,
            detail: `facility ${facility.id}: ${facility.name}`,
          },
          at,
        );
      });
      return { kind: 'made', token, facility };
    },

    /** The screen of a live link: the facility's day (booking-service.ts kioskDay); undefined for an unknown or retired token. */
    screen(token: string) {
      const facilityId = facilityOf(token);
      return facilityId === undefined ? undefined : bookings.kioskDay(facilityId);
    },

    /**
     * A patron checks in at the kiosk. No device cookie is passed to the gate: a kiosk's browser is
     * everyone's, so it is never trusted for a barcode, and no session is started.
     */
    async checkIn(token: string, input: { barcode: string; pin: string }, clientAddress: string | null): Promise<KioskResult> {
      const facilityId = facilityOf(token);
      if (facilityId === undefined) return { kind: 'not-found' };
      const checked = await auth.checkPin(input, clientAddress);
      if (checked.kind !== 'verified') return checked;
      return bookings.checkInAt(checked.patron, facilityId, { kiosk: true, clientAddress });
    },
  };
}
