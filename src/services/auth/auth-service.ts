/**
 * Logging in with barcode and PIN (docs/rules.md §1, §4, §6). An unknown barcode costs
 * and answers the same as a wrong PIN: it is gated and recorded alike, and its PIN is
 * compared against a dummy hash. A hash made at a lower BCRYPT_COST than the setting now is
 * replaced by a stronger one at the next successful login, when the PIN is at hand. A browser
 * that logs in is trusted for the barcode from then on (device cookies: attempt-gate.ts).
 */
import { normaliseBarcode } from '../../domain/patrons/barcode.js';
import { currentPinHash, usesDefaultPin, type Patron } from '../../domain/patrons/patron.js';
import { normalisePin } from '../../domain/pin/pin-rule.js';
import { PIN_MAX_LENGTH } from '../../domain/pin/rules/length-rules.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import { refusalOf, type AttemptGate, type Refusal } from './attempt-gate.js';
import { dummyHashOf, type PinHasher } from '../pin/pin-hasher.js';

export type LoginField = 'barcode' | 'pin';
export interface LoginInputError {
  field: LoginField;
  code: 'BARCODE_MISSING' | 'BARCODE_MALFORMED' | 'PIN_MISSING' | 'PIN_MALFORMED';
}

/** A barcode and PIN as the attempt gate and the stored hash found them. */
export type PinCheck =
  | { kind: 'malformed'; errors: LoginInputError[] }
  | { kind: 'blocked'; refusal: Refusal }
  | { kind: 'incorrect' }
  /** `key`: the barcode as the gate counts it. */
  | { kind: 'verified'; patron: Patron; key: string };

export type LoginResult =
  | Exclude<PinCheck, { kind: 'verified' }>
  /** `device`: the id for the browser's device cookie, or null when device trust is off. */
  | { kind: 'success'; patron: Patron; device: string | null };

/** A PIN as a login form may carry it: letters and digits, no longer than any PIN can be. */
export function loginPinError(pin: string): LoginInputError['code'] | undefined {
  if (pin === '') return 'PIN_MISSING';
  if (pin.length > PIN_MAX_LENGTH || !/^[A-Za-z0-9]+$/.test(pin)) return 'PIN_MALFORMED';
  return undefined;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { patrons: PatronRepo; gate: AttemptGate; hasher: PinHasher }) {
  const { patrons, gate, hasher } = deps;
  const dummyHash = dummyHashOf(hasher);

  /**
   * The barcode and PIN checked through the attempt gate, and nothing more: the login, and the
   * kiosk's check-in (which trusts no browser and starts no session), share it, and so share the
   * counters of the one-minute block. `device`: the device id of the browser's signed cookie, if any.
   */
  async function checkPin(input: { barcode: string; pin: string }, clientAddress: string | null, device?: string): Promise<PinCheck> {
    const errors: LoginInputError[] = [];
    const barcode = normaliseBarcode(input.barcode);
    if (!barcode.ok) errors.push({ field: 'barcode', code: barcode.code });
    const pinError = loginPinError(input.pin);
    if (pinError) errors.push({ field: 'pin', code: pinError });
    if (!barcode.ok || errors.length > 0) return { kind: 'malformed', errors };

    const fakeHash = await dummyHash();
    const patron = patrons.findByBarcode(barcode.barcode);
    const verdict = await gate.verify(barcode.barcode, { clientAddress, device }, async () => {
      const matches = await hasher.compare(normalisePin(input.pin), patron ? currentPinHash(patron) : fakeHash);
      return matches && patron !== undefined;
    });
    if (verdict.blocked) return { kind: 'blocked', refusal: refusalOf(verdict) };
    if (!verdict.ok || !patron) return { kind: 'incorrect' };
    const hash = currentPinHash(patron);
    if (hasher.needsRehash(hash)) {
      patrons.upgradePinHash(patron.id, usesDefaultPin(patron) ? 'default' : 'chosen', hash, await hasher.hash(normalisePin(input.pin)));
    }
    return { kind: 'verified', patron, key: barcode.barcode };
  }

  return {
    checkPin,

    /** `device`: the device id of the browser's signed cookie, if it sent one. */
    async login(input: { barcode: string; pin: string }, clientAddress: string | null, device?: string): Promise<LoginResult> {
      const checked = await checkPin(input, clientAddress, device);
      if (checked.kind !== 'verified') return checked;
      return { kind: 'success', patron: checked.patron, device: gate.trustDevice(checked.key, device) };
    },
  };
}
