/**
 * Resetting a forgotten PIN online (docs/rules.md §7). The request page answers the same
 * for every barcode, known or not, with or without an e-mail address. A link is single-use,
 * valid for RESET_LINK_MINUTES, and only the SHA-256 hash of its token is stored. Requests
 * are limited per barcode and client address together, per client address, and per barcode
 * with a higher ceiling: a stranger asking for someone's barcode from elsewhere does not use
 * up that patron's own requests, and a flood from many addresses still cannot bomb his mailbox.
 * The answer does not say which limit applied.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/engine/database.js';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { ResetTokenRepo } from '../../db/pin/reset-token-repo.js';
import { normaliseBarcode } from '../../domain/patrons/barcode.js';
import type { Patron } from '../../domain/patrons/patron.js';
import type { Clock } from '../../lib/clock.js';
import { DEFAULT_LOCALE, type Locale } from '../../domain/shared/locale.js';
import { sha256Hex } from '../../lib/hash-token.js';
import type { PatronNotices } from '../mail/patron-notices.js';
import type { PinReturnService } from './pin-return-service.js';
import type { SecuritySummaryRepo } from '../../db/auth/security-summary-repo.js';

export const RESET_LINK_MINUTES = 60;
const HOUR_MS = 3_600_000;

/** 32 random bytes, base64url: 43 characters. Anything else in a link is not a token. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type ResetRequestResult =
  | { kind: 'malformed'; code: 'BARCODE_MISSING' | 'BARCODE_MALFORMED' }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'accepted' };

export type ResetLinkState = { kind: 'valid'; patron: Patron } | { kind: 'gone' };

export type PinResetService = ReturnType<typeof createPinResetService>;

export function createPinResetService(deps: {
  db: Database;
  patrons: PatronRepo;
  tokens: ResetTokenRepo;
  audit: AuditRepo;
  notices: PatronNotices;
  pinReturn: PinReturnService;
  clock: Clock;
  /** Requests allowed in any hour: per barcode and address together, per address, per barcode (the ceiling). */
  limits: { perBarcodeAddressHour: number; perAddressHour: number; perBarcodeHour: number };
  /** Counts each request for the security page, refused by the limits or not (a flood of them is an attack too). */
  summary?: Pick<SecuritySummaryRepo, 'resetRequested'>;
}) {
  const { db, patrons, tokens, audit, notices, pinReturn, clock, limits, summary } = deps;

  function patronOfLink(token: string): Patron | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = tokens.find(sha256Hex(token));
    if (!row || row.used_at !== null || row.expires_at <= clock.now()) return undefined;
    return patrons.findById(row.patron_id);
  }

  return {
    /** `askedIn`: the language of the page that asked, for a patron whose own is not known yet. */
    requestLink(rawBarcode: string, clientAddress: string, askedIn: Locale = DEFAULT_LOCALE): ResetRequestResult {
      const barcode = normaliseBarcode(rawBarcode);
      if (!barcode.ok) return { kind: 'malformed', code: barcode.code };
      return db.transaction(() => {
        const now = clock.now();
        const since = now - HOUR_MS;
        summary?.resetRequested(now);
        if (
          tokens.requestsForBarcodeFromAddressSince(barcode.barcode, clientAddress, since) >= limits.perBarcodeAddressHour ||
          tokens.requestsFromAddressSince(clientAddress, since) >= limits.perAddressHour ||
          tokens.requestsForBarcodeSince(barcode.barcode, since) >= limits.perBarcodeHour
        ) {
          return { kind: 'limited', retryAfterSeconds: HOUR_MS / 1000 };
        }
        tokens.recordRequest(barcode.barcode, clientAddress, now);
        const patron = patrons.findByBarcode(barcode.barcode);
        if (patron?.email) {
          const token = randomBytes(32).toString('base64url');
          tokens.create(sha256Hex(token), patron.id, now, now + RESET_LINK_MINUTES * 60_000);
          audit.record({ actor: 'patron', patronId: patron.id, action: 'pin.reset.link-sent', clientAddress }, now);
          notices.resetLink(patron, token, RESET_LINK_MINUTES, askedIn);
        }
        return { kind: 'accepted' };
      });
    },

    /** What following a link shows. Looking does not use the link: mail scanners follow links too. */
    checkLink(token: string): ResetLinkState {
      const patron = patronOfLink(token);
      return patron ? { kind: 'valid', patron } : { kind: 'gone' };
    },

    /** Uses the link and returns the patron to the default PIN, as one step: it works exactly once. */
    confirm(token: string, clientAddress: string | null, askedIn: Locale = DEFAULT_LOCALE): ResetLinkState {
      return db.transaction(() => {
        const patron = patronOfLink(token);
        if (!patron || !tokens.use(sha256Hex(token), clock.now())) return { kind: 'gone' };
        pinReturn.returnToDefault(patron, { how: 'online', askedIn }, clientAddress);
        return { kind: 'valid', patron };
      });
    },
  };
}
