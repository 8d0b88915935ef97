/** Property-based: whatever a CSV file holds, the import never throws, and a bad file imports nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestStorage, HEADER } from '../../test-support/fixtures.js';

const cell = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '"', '""', ',', '\n', '\r\n', 'A123456(3)', 'XY12345678', '2030-01-01', 'alumni', 'x@example.edu'),
  fc.nat(3000).map((n) => 'z'.repeat(n)),
);
const goodRow = fc.nat(9999).map((n) => `7${String(n).padStart(5, '0')},Good Patron ${n},,A123456(3),,,,`);
const randomRow = fc.array(cell, { maxLength: 10 }).map((cells) => cells.join(','));
const file = fc.record({
  header: fc.oneof(
    fc.constant(HEADER),
    fc.array(cell, { maxLength: 9 }).map((cells) => cells.join(',')),
  ),
  rows: fc.array(fc.oneof(goodRow, randomRow), { maxLength: 6 }),
  lineBreak: fc.constantFrom('\n', '\r\n'),
});

test('the importer never throws, and if any row is bad nothing at all is imported', async () => {
  const storage = createTestStorage();
  const count = () => storage.db.prepare('SELECT COUNT(*) FROM patrons').pluck().get() as number;
  await fc.assert(
    fc.asyncProperty(file, async ({ header, rows, lineBreak }) => {
      const before = count();
      const report = await storage.importer.importCsv([header, ...rows].join(lineBreak));
      if (report.bad.length > 0) {
        assert.equal(report.imported, false);
        assert.equal(count(), before, 'a bad file imports nothing');
      } else {
        assert.equal(report.imported, true);
        assert.equal(count(), before + report.created);
      }
    }),
    { numRuns: 150 },
  );
});
