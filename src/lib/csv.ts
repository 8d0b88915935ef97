/**
 * A small RFC 4180 reader: quoted values with "" escapes, commas and line breaks inside
 * quotes, CRLF or LF, a leading byte-order mark. Each record keeps the line it starts
 * on, so that errors can name it.
 */
export interface CsvRecord {
  line: number;
  values: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; code: 'CSV_UNTERMINATED_QUOTE' };

export function parseCsv(text: string): CsvResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let values: string[] = [];
  let value = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 1;

  const endRecord = () => {
    values.push(value);
    // A blank line is not a record.
    if (!(values.length === 1 && values[0] === '')) records.push({ line: recordLine, values });
    values = [];
    value = '';
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          value += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        value += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
      quoteLine = line;
    } else if (ch === ',') {
      values.push(value);
      value = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else value += ch;
  }
  if (inQuotes) return { ok: false, line: quoteLine, code: 'CSV_UNTERMINATED_QUOTE' };
  if (value !== '' || values.length > 0) endRecord();
  return { ok: true, records };
}
