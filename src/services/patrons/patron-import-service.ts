/**
 * `myrecord patrons import FILE.csv` (README, "The command line"). The whole file is
 * checked first; if any row is bad nothing is written (unless skipInvalid). Rows are an
 * upsert by barcode that never touches a PIN a patron chose. Hashing default PINs is the
 * slow part: it runs in parallel on the thread pool, is committed in batches (so an
 * interrupted import can simply be run again), and is skipped when the keyed fingerprint
 * of the ID number did not change.
 */
import type { Database } from '../../db/engine/database.js';
import type { PatronRegistration, PatronRepo } from '../../db/patrons/patron-repo.js';
import {
  REGISTRATION_FIELDS,
  REQUIRED_REGISTRATION_FIELDS,
  validateRegistration,
  type RegistrationProblemCode,
  type ValidRegistration,
} from '../../domain/patrons/patron-registration.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { readCsvTable, type CsvTableProblemCode, type LineProblems } from '../../lib/csv-table.js';
import type { Clock } from '../../lib/clock.js';
import { hmacHex } from '../../lib/hash-token.js';
import type { PinHasher } from '../pin/pin-hasher.js';

/** What a line of a patron file can be refused (or warned) for. */
export type PatronImportProblemCode = CsvTableProblemCode | RegistrationProblemCode | 'BARCODE_DUPLICATE';
export type PatronLineProblems = LineProblems<PatronImportProblemCode>;

export interface ImportReport {
  rows: number;
  bad: PatronLineProblems[];
  warnings: PatronLineProblems[];
  /** False when bad rows stopped the import: nothing was written. */
  imported: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  onProgress?(done: number, total: number): void;
}

const BATCH_SIZE = 100;

interface CheckedFile {
  fatal: boolean;
  rows: Array<{ line: number; value: ValidRegistration }>;
  bad: PatronLineProblems[];
  warnings: PatronLineProblems[];
  total: number;
}

export type PatronImportService = ReturnType<typeof createPatronImportService>;

export function idFingerprint(secret: string, registration: Pick<ValidRegistration, 'idDocument' | 'normalisedIdNumber'>): string {
  return hmacHex(secret, `${registration.idDocument}:${registration.normalisedIdNumber}`);
}

function isUnchanged(existing: Patron, row: ValidRegistration, fingerprint: string): boolean {
  return (
    existing.idFingerprint === fingerprint &&
    existing.idDocument === row.idDocument &&
    existing.name === row.name &&
    existing.email === row.email &&
    existing.patronType === row.patronType &&
    existing.expiryDate === row.expiryDate
  );
}

export function createPatronImportService(deps: { db: Database; patrons: PatronRepo; hasher: PinHasher; clock: Clock; secret: string }) {
  const { db, patrons, hasher, clock, secret } = deps;

  /** Checks every row. `fatal` means the file as a whole cannot be read: nothing is imported, even with skipInvalid. */
  function checkFile(text: string): CheckedFile {
    const table = readCsvTable(text, REGISTRATION_FIELDS, REQUIRED_REGISTRATION_FIELDS);
    if (!table.ok) return { fatal: true, rows: [], bad: table.bad, warnings: [], total: table.total };
    const rows: Array<{ line: number; value: ValidRegistration }> = [];
    const bad: PatronLineProblems[] = [...table.bad];
    const warnings: PatronLineProblems[] = [];
    const firstLineOf = new Map<string, number>();
    for (const { line, fields } of table.rows) {
      const result = validateRegistration(fields);
      if (!result.ok) {
        bad.push({ line, problems: result.problems });
        continue;
      }
      const earlier = firstLineOf.get(result.value.barcode);
      if (earlier !== undefined) {
        bad.push({ line, problems: [{ code: 'BARCODE_DUPLICATE', params: { barcode: result.value.barcode, line: earlier } }] });
        continue;
      }
      firstLineOf.set(result.value.barcode, line);
      if (result.value.warnings.length > 0) warnings.push({ line, problems: result.value.warnings });
      rows.push({ line, value: result.value });
    }
    bad.sort((a, b) => a.line - b.line);
    return { fatal: false, rows, bad, warnings, total: table.rows.length + table.bad.length };
  }

  return {
    async importCsv(text: string, options: ImportOptions = {}): Promise<ImportReport> {
      const { fatal: unreadable, rows, bad, warnings, total } = checkFile(text);
      const report: ImportReport = { rows: total, bad, warnings, imported: false, created: 0, updated: 0, unchanged: 0 };
      if (unreadable || (bad.length > 0 && !options.skipInvalid)) return report;

      // Sort the rows: unchanged ones are skipped, ones whose ID number is the same need no hashing.
      const needHash: Array<{ row: ValidRegistration; fingerprint: string }> = [];
      const profileOnly: PatronRegistration[] = [];
      for (const { value: row } of rows) {
        const fingerprint = idFingerprint(secret, row);
        const existing = patrons.findByBarcode(row.barcode);
        if (existing && isUnchanged(existing, row, fingerprint)) report.unchanged++;
        else if (existing && existing.idFingerprint === fingerprint) profileOnly.push(toRegistration(row, fingerprint));
        else needHash.push({ row, fingerprint });
      }

      db.transaction(() => {
        for (const registration of profileOnly) patrons.register(registration, clock.now());
      });
      report.updated += profileOnly.length;

      options.onProgress?.(0, needHash.length);
      for (let start = 0; start < needHash.length; start += BATCH_SIZE) {
        const batch = needHash.slice(start, start + BATCH_SIZE);
        const hashes = await Promise.all(batch.map(({ row }) => hasher.hash(row.defaultPin)));
        db.transaction(() => {
          batch.forEach(({ row, fingerprint }, index) => {
            const outcome = patrons.register({ ...toRegistration(row, fingerprint), defaultPinHash: hashes[index] }, clock.now());
            report[outcome]++;
          });
        });
        options.onProgress?.(start + batch.length, needHash.length);
      }
      report.imported = true;
      return report;
    },
  };
}

/** What is stored of a checked row: its profile and the fingerprint, never the ID number. */
export function toRegistration(row: ValidRegistration, fingerprint: string): PatronRegistration {
  const { barcode, name, email, patronType, expiryDate, idDocument } = row;
  return { barcode, name, email, patronType, expiryDate, idDocument, idFingerprint: fingerprint };
}
