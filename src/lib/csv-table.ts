/**
 * A CSV file with a header row, read as a table of named fields: columns in any order,
 * unknown or repeated columns and missing required ones refused, rows with the wrong
 * number of values refused by line. What a row means is the caller's business.
 */
import { parseCsv } from './csv.js';

/** What can be wrong with the file's shape, before the caller reads what a row means. */
export type CsvTableProblemCode =
  | 'CSV_UNTERMINATED_QUOTE'
  | 'HEADER_MISSING'
  | 'HEADER_UNKNOWN_COLUMN'
  | 'HEADER_DUPLICATE_COLUMN'
  | 'HEADER_COLUMN_MISSING'
  | 'ROW_COLUMN_COUNT';

/** A problem by its code: the table's own, or (C) the caller's for a row. */
export interface CsvProblem<C extends string = CsvTableProblemCode> {
  code: C;
  params?: Record<string, string | number>;
}

export interface LineProblems<C extends string = CsvTableProblemCode> {
  /** 0 for the file as a whole. */
  line: number;
  problems: Array<CsvProblem<C>>;
}

export type CsvTable<F extends string> =
  | { ok: true; rows: Array<{ line: number; fields: Partial<Record<F, string>> }>; bad: LineProblems[] }
  /** The file as a whole cannot be read: nothing in it can be imported. */
  | { ok: false; bad: LineProblems[]; total: number };

export function readCsvTable<F extends string>(text: string, columns: readonly F[], required: readonly F[]): CsvTable<F> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, bad: [{ line: parsed.line, problems: [{ code: parsed.code }] }], total: 0 };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, bad: [{ line: 0, problems: [{ code: 'HEADER_MISSING' }] }], total: 0 };

  const names = header.values.map((name) => name.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  names.forEach((column, index) => {
    if (!(columns as readonly string[]).includes(column)) problems.push({ code: 'HEADER_UNKNOWN_COLUMN', params: { column } });
    else if (names.indexOf(column) !== index) problems.push({ code: 'HEADER_DUPLICATE_COLUMN', params: { column } });
  });
  for (const column of required) if (!names.includes(column)) problems.push({ code: 'HEADER_COLUMN_MISSING', params: { column } });
  if (problems.length > 0) return { ok: false, bad: [{ line: header.line, problems }], total: records.length };

  const rows: Array<{ line: number; fields: Partial<Record<F, string>> }> = [];
  const bad: LineProblems[] = [];
  for (const record of records) {
    if (record.values.length !== names.length) {
      bad.push({
        line: record.line,
        problems: [{ code: 'ROW_COLUMN_COUNT', params: { found: record.values.length, expected: names.length } }],
      });
      continue;
    }
    const fields: Partial<Record<F, string>> = {};
    names.forEach((column, index) => (fields[column as F] = record.values[index] ?? ''));
    rows.push({ line: record.line, fields });
  }
  return { ok: true, rows, bad };
}
