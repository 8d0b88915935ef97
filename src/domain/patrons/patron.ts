import type { IdDocument } from '../pin/default-pin.js';
import type { Locale } from '../shared/locale.js';

/** Patron types, as the library's loan rules name them. */
export const PATRON_TYPES = ['undergraduate', 'postgraduate', 'staff', 'alumni'] as const;
export type PatronType = (typeof PATRON_TYPES)[number];

export function isPatronType(value: string): value is PatronType {
  return (PATRON_TYPES as readonly string[]).includes(value);
}

/** What registration sets: the same from the CSV import and the counter. */
export interface PatronProfile {
  barcode: string;
  name: string;
  email: string | null;
  patronType: PatronType;
  /** YYYY-MM-DD, or null when the record does not expire. */
  expiryDate: string | null;
  idDocument: IdDocument;
}

export interface Patron extends PatronProfile {
  id: number;
  /** HMAC-SHA-256 of the normalised ID number: tells a re-import whether it changed. */
  idFingerprint: string;
  defaultPinHash: string;
  /** Null while the default PIN applies (never chosen, or deleted since). */
  chosenPinHash: string | null;
  /** Milliseconds since the epoch of the last change or reset, or null if never changed. */
  pinChangedAt: number | null;
  /** The language the patron reads the portal and his mail in; null until known. */
  language: Locale | null;
  /** Milliseconds since the epoch when the barcode was registered: login attempts before it were someone else's. */
  registeredAt: number;
}

/** The hash that opens the account now. */
export function currentPinHash(patron: Patron): string {
  return patron.chosenPinHash ?? patron.defaultPinHash;
}

export function usesDefaultPin(patron: Patron): boolean {
  return patron.chosenPinHash === null;
}
