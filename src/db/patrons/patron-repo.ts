import { sql } from 'kysely';
import type { Database } from '../engine/database.js';
import type { Patron, PatronProfile, PatronType } from '../../domain/patrons/patron.js';
import type { IdDocument } from '../../domain/pin/default-pin.js';
import type { Locale } from '../../domain/shared/locale.js';

interface PatronRow {
  id: number;
  barcode: string;
  name: string;
  email: string | null;
  patron_type: PatronType;
  expiry_date: string | null;
  id_document: IdDocument;
  id_fingerprint: string;
  default_pin_hash: string;
  chosen_pin_hash: string | null;
  pin_changed_at: number | null;
  language: Locale | null;
  created_at: number;
}

function toPatron(row: PatronRow): Patron {
  return {
    id: row.id,
    barcode: row.barcode,
    name: row.name,
    email: row.email,
    patronType: row.patron_type,
    expiryDate: row.expiry_date,
    idDocument: row.id_document,
    idFingerprint: row.id_fingerprint,
    defaultPinHash: row.default_pin_hash,
    chosenPinHash: row.chosen_pin_hash,
    pinChangedAt: row.pin_changed_at,
    language: row.language,
    registeredAt: row.created_at,
  };
}

/** What a registration (import or counter) sets; the PIN a patron chose is never among it. */
export interface PatronRegistration extends PatronProfile {
  idFingerprint: string;
  /** Omitted when the ID number did not change: the default PIN's hash is kept. */
  defaultPinHash?: string;
}

/** What "Edit patron" at the counter changes; the barcode stays, and a chosen PIN is never touched. */
export interface PatronDetails {
  name: string;
  email: string | null;
  patronType: PatronType;
  expiryDate: string | null;
}

/** A corrected ID number: which document, its fingerprint, and the hash of the default PIN it gives. */
export interface PatronIdCorrection {
  idDocument: IdDocument;
  idFingerprint: string;
  defaultPinHash: string;
}

export type PatronRepo = ReturnType<typeof createPatronRepo>;

type Registration = Omit<PatronRegistration, 'defaultPinHash'> & { defaultPinHash: string | null; now: number };

export function createPatronRepo(database: Database) {
  const byBarcode = database.statement((barcode: string) => sql<PatronRow>`SELECT * FROM patrons WHERE barcode = ${barcode}`);
  const byId = database.statement((id: number) => sql<PatronRow>`SELECT * FROM patrons WHERE id = ${id}`);
  const insert = database.statement((p: Registration) => sql`INSERT INTO patrons
    (barcode, name, email, patron_type, expiry_date, id_document, id_fingerprint, default_pin_hash, created_at, updated_at)
    VALUES (${p.barcode}, ${p.name}, ${p.email}, ${p.patronType}, ${p.expiryDate}, ${p.idDocument}, ${p.idFingerprint}, ${p.defaultPinHash}, ${p.now}, ${p.now})`);
  const updateProfile = database.statement((p: Registration) => sql`UPDATE patrons SET name = ${p.name}, email = ${p.email},
    patron_type = ${p.patronType}, expiry_date = ${p.expiryDate}, id_document = ${p.idDocument}, id_fingerprint = ${p.idFingerprint},
    default_pin_hash = COALESCE(${p.defaultPinHash}, default_pin_hash), updated_at = ${p.now} WHERE barcode = ${p.barcode}`);
  const updateDetails = database.statement((p: PatronDetails & { id: number; now: number }) => sql`UPDATE patrons SET
    name = ${p.name}, email = ${p.email}, patron_type = ${p.patronType}, expiry_date = ${p.expiryDate}, updated_at = ${p.now} WHERE id = ${p.id}`);
  const correctId = database.statement((p: PatronIdCorrection & { id: number; now: number }) => sql`UPDATE patrons SET
    id_document = ${p.idDocument}, id_fingerprint = ${p.idFingerprint}, default_pin_hash = ${p.defaultPinHash}, updated_at = ${p.now} WHERE id = ${p.id}`);
  const setChosen = database.statement((hash: string | null, changedAt: number, now: number, id: number) =>
    sql`UPDATE patrons SET chosen_pin_hash = ${hash}, pin_changed_at = ${changedAt}, updated_at = ${now} WHERE id = ${id}`);

  const setLanguage = database.statement((language: Locale, id: number) => sql`UPDATE patrons SET language = ${language} WHERE id = ${id}`);
  const replaceChosen = database.statement((hash: string, id: number, expected: string) =>
    sql`UPDATE patrons SET chosen_pin_hash = ${hash} WHERE id = ${id} AND chosen_pin_hash = ${expected}`);
  const replaceDefault = database.statement((hash: string, id: number, expected: string) =>
    sql`UPDATE patrons SET default_pin_hash = ${hash} WHERE id = ${id} AND default_pin_hash = ${expected}`);
  // Any case: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's ILIKE of every letter.
  const like = sql.raw(database.dialect === 'postgres' ? 'ILIKE' : 'LIKE');
  const search = database.statement((p: { barcode: string; pattern: string; limit: number }) => sql<PatronRow>`
    SELECT * FROM patrons WHERE barcode = ${p.barcode} OR name ${like} ${p.pattern} ESCAPE '\\'
    ORDER BY barcode = ${p.barcode} DESC, name LIMIT ${p.limit}`);

  return {
    /** Patrons whose barcode is the query, or whose name contains it (any case), the barcode match first. */
    search(query: string, limit: number): Patron[] {
      const pattern = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return search.all({ barcode: query.trim().toUpperCase(), pattern, limit }).map(toPatron);
    },
    findByBarcode(barcode: string): Patron | undefined {
      const row = byBarcode.get(barcode);
      return row && toPatron(row);
    },
    findById(id: number): Patron | undefined {
      const row = byId.get(id);
      return row && toPatron(row);
    },
    /** Inserts a new patron or updates the one with that barcode; a chosen PIN is never touched. */
    register(registration: PatronRegistration, now: number): 'created' | 'updated' {
      const params = { ...registration, defaultPinHash: registration.defaultPinHash ?? null, now };
      if (byBarcode.get(registration.barcode)) {
        updateProfile.run(params);
        return 'updated';
      }
      if (!registration.defaultPinHash) throw new Error(`a new patron needs a default PIN hash: ${registration.barcode}`);
      insert.run(params);
      return 'created';
    },
    /** The counter's "Edit patron": name, e-mail, type and expiry. */
    updateDetails(patronId: number, details: PatronDetails, now: number): void {
      updateDetails.run({ ...details, id: patronId, now });
    },
    /** A corrected ID number: a new default PIN (the one the patron logs in with only while no PIN was chosen). */
    correctIdNumber(patronId: number, correction: PatronIdCorrection, now: number): void {
      correctId.run({ ...correction, id: patronId, now });
    },
    /**
     * Replaces the hash of the same PIN by a stronger one, only if it is still the hash that was
     * checked (so it cannot undo a change made meanwhile). The PIN did not change: its time stays.
     */
    upgradePinHash(patronId: number, which: 'chosen' | 'default', expected: string, hash: string): boolean {
      return (which === 'chosen' ? replaceChosen : replaceDefault).run(hash, patronId, expected).changes === 1;
    },
    /** Sets the PIN the patron chose (a change) or deletes it (null: the default applies again). */
    setLanguage(patronId: number, language: Locale): void {
      setLanguage.run(language, patronId);
    },
    setChosenPinHash(patronId: number, hash: string | null, now: number): void {
      setChosen.run(hash, now, now, patronId);
    },
  };
}
