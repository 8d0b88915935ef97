import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStorage, HEADER, type TestStorage } from '../../test-support/fixtures.js';
import { usesDefaultPin } from '../../domain/patrons/patron.js';

let storage: TestStorage;
beforeEach(() => {
  storage = createTestStorage();
});

const count = () => storage.db.prepare('SELECT COUNT(*) FROM patrons').pluck().get();

describe('importing patrons from CSV', () => {
  test('registers new patrons with the default PIN from their ID document, storing no ID number', async () => {
    const csv = `${HEADER}\n21000001,Chan Tai Man,tm@example.edu,Z123456(7),,,undergraduate,2030-08-31\n21000002,Maria Santos,,,XY12345678,,,\n`;
    const report = await storage.importer.importCsv(csv);
    assert.equal(report.imported, true);
    assert.equal(report.created, 2);
    const chan = storage.patrons.findByBarcode('21000001');
    assert.ok(chan && usesDefaultPin(chan));
    assert.equal(chan.idDocument, 'hkid');
    assert.ok(await storage.hasher.compare('Z12345', chan.defaultPinHash));
    assert.equal(storage.patrons.findByBarcode('21000002')?.patronType, 'undergraduate');
    const everything = JSON.stringify(storage.db.prepare('SELECT * FROM patrons').all());
    for (const idNumber of ['Z123456', 'Z1234567', 'XY12345678']) assert.ok(!everything.includes(idNumber), idNumber);
  });

  test('columns may come in any order', async () => {
    const report = await storage.importer.importCsv('name,passport,barcode\nLi Wei,E12345678,3001\n');
    assert.equal(report.created, 1);
    assert.equal(storage.patrons.findByBarcode('3001')?.name, 'Li Wei');
  });

  test('one bad row means nothing is imported, and every bad row is listed by line', async () => {
    const csv = `${HEADER}\n1001,Good One,,A123456(3),,,,\n1002,,,A123456(3),,,,\n1003,Bad Date,,A123456(3),,,,2030-13-01\n`;
    const report = await storage.importer.importCsv(csv);
    assert.equal(report.imported, false);
    assert.deepEqual(
      report.bad.map((b) => [b.line, b.problems.map((p) => p.code)]),
      [
        [3, ['NAME_MISSING']],
        [4, ['EXPIRY_MALFORMED']],
      ],
    );
    assert.equal(count(), 0);
  });

  test('with skipInvalid the good rows are imported and the bad still listed', async () => {
    const csv = `${HEADER}\n1001,Good One,,A123456(3),,,,\n1002,,,A123456(3),,,,\n`;
    const report = await storage.importer.importCsv(csv, { skipInvalid: true });
    assert.equal(report.imported, true);
    assert.equal(report.created, 1);
    assert.deepEqual(
      report.bad.map((b) => b.line),
      [3],
    );
  });

  test('a barcode twice in one file is a bad row naming the first line', async () => {
    const report = await storage.importer.importCsv(`${HEADER}\n1001,A,,A123456(3),,,,\n 1001 ,B,,A123456(3),,,,\n`);
    assert.deepEqual(report.bad, [{ line: 3, problems: [{ code: 'BARCODE_DUPLICATE', params: { barcode: '1001', line: 2 } }] }]);
  });

  test('a header without barcode or name, or with an unknown column, stops the import even with skipInvalid', async () => {
    const report = await storage.importer.importCsv('barcode,nmae,hkid\n1001,A,A123456(3)\n', { skipInvalid: true });
    assert.equal(report.imported, false);
    assert.deepEqual(
      report.bad[0]?.problems.map((p) => p.code),
      ['HEADER_UNKNOWN_COLUMN', 'HEADER_COLUMN_MISSING'],
    );
    assert.equal(count(), 0);
  });

  test('an empty file and an unclosed quote are refused', async () => {
    assert.equal((await storage.importer.importCsv('')).bad[0]?.problems[0]?.code, 'HEADER_MISSING');
    assert.equal(
      (await storage.importer.importCsv(`${HEADER}\n1,"A,,A123456(3),,,,\n`)).bad[0]?.problems[0]?.code,
      'CSV_UNTERMINATED_QUOTE',
    );
  });

  test('a wrong HKID check digit is a warning: the row is imported', async () => {
    const report = await storage.importer.importCsv(`${HEADER}\n1001,A,,Z123456(7),,,,\n`);
    assert.equal(report.created, 1);
    assert.deepEqual(report.warnings, [{ line: 2, problems: [{ code: 'HKID_CHECK_DIGIT' }] }]);
  });
});

describe('importing again', () => {
  const first = `${HEADER}\n1001,Chan Tai Man,,A123456(3),,,,\n1002,Maria Santos,,,XY12345678,,,\n`;

  test('an unchanged file changes nothing and hashes nothing', async () => {
    await storage.importer.importCsv(first);
    let hashes = 0;
    const realHash = storage.hasher.hash;
    storage.hasher.hash = (pin) => {
      hashes++;
      return realHash(pin);
    };
    const report = await storage.importer.importCsv(first);
    assert.deepEqual([report.created, report.updated, report.unchanged], [0, 0, 2]);
    assert.equal(hashes, 0);
  });

  test('a new name is updated without hashing; a new ID number gives a new default PIN', async () => {
    await storage.importer.importCsv(first);
    const report = await storage.importer.importCsv(`${HEADER}\n1001,Chan Tai-man,,A123456(3),,,,\n1002,Maria Santos,,,XY99995678,,,\n`);
    assert.equal(report.updated, 2);
    assert.equal(storage.patrons.findByBarcode('1001')?.name, 'Chan Tai-man');
    const maria = storage.patrons.findByBarcode('1002')!;
    assert.ok(await storage.hasher.compare('XY9999', maria.defaultPinHash));
  });

  test('a PIN the patron chose is never touched by an import', async () => {
    await storage.importer.importCsv(first);
    const chan = storage.patrons.findByBarcode('1001')!;
    const chosen = await storage.hasher.hash('Q7W3E9R1');
    storage.patrons.setChosenPinHash(chan.id, chosen, storage.clock.now());
    await storage.importer.importCsv(`${HEADER}\n1001,Chan Tai Man,,B765432(1),,,,\n`);
    const after = storage.patrons.findByBarcode('1001')!;
    assert.equal(after.chosenPinHash, chosen);
    assert.ok(await storage.hasher.compare('B76543', after.defaultPinHash), 'the default PIN follows the new ID number');
  });

  test('reports progress as rows are hashed', async () => {
    const seen: Array<[number, number]> = [];
    await storage.importer.importCsv(first, { onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen, [
      [0, 2],
      [2, 2],
    ]);
  });
});
