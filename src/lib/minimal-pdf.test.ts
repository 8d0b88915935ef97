import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimalPdf } from './minimal-pdf.js';

test('a minimal PDF begins %PDF-, ends %%EOF, and its cross-reference table points at each object', () => {
  const pdf = minimalPdf('Hello (world)');
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.4'));
  assert.ok(text.endsWith('%%EOF\n'));
  const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
  assert.ok(text.slice(startxref).startsWith('xref'));
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.equal(offsets.length, 5);
  offsets.forEach((offset, index) => assert.ok(text.slice(offset).startsWith(`${index + 1} 0 obj`), `object ${index + 1}`));
  assert.match(text, /\(Hello \\\(world\\\)\) Tj/);
});

test('padding grows the file by an unused stream, and the table still points at every object', () => {
  const small = minimalPdf('x');
  const padded = minimalPdf('x', { paddingBytes: 100_000 });
  assert.ok(padded.length > small.length + 100_000);
  const text = padded.toString('latin1');
  const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.equal(offsets.length, 6);
  assert.ok(text.slice(offsets[5]).startsWith('6 0 obj'));
});
