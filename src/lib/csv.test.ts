import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.js';

test('reads plain rows with the line each starts on, skipping blank lines', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\n\n3,4\n'), {
    ok: true,
    records: [
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', '2'] },
      { line: 4, values: ['3', '4'] },
    ],
  });
});

test('reads quoted values with commas, doubled quotes and line breaks, CRLF and a byte-order mark', () => {
  const result = parseCsv('\uFEFFname,note\r\n"Chan, Tai Man","said ""hi""\nthen left"\r\nx,y');
  assert.deepEqual(result, {
    ok: true,
    records: [
      { line: 1, values: ['name', 'note'] },
      { line: 2, values: ['Chan, Tai Man', 'said "hi"\nthen left'] },
      { line: 4, values: ['x', 'y'] },
    ],
  });
});

test('reports a quote that is never closed with the line it opens on', () => {
  assert.deepEqual(parseCsv('a,b\n1,"2\n3,4\n'), { ok: false, line: 2, code: 'CSV_UNTERMINATED_QUOTE' });
});

test('keeps empty values', () => {
  assert.deepEqual(parseCsv('a,,c'), { ok: true, records: [{ line: 1, values: ['a', '', 'c'] }] });
});
