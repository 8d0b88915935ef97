import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseBarcode } from './barcode.js';

test('trims white space and upper-cases letters, so " 12345678d " is 12345678D', () => {
  assert.deepEqual(normaliseBarcode(' 12345678d '), { ok: true, barcode: '12345678D' });
  assert.deepEqual(normaliseBarcode('12345678D'), { ok: true, barcode: '12345678D' });
});

test('refuses an empty barcode as missing', () => {
  assert.deepEqual(normaliseBarcode('   '), { ok: false, code: 'BARCODE_MISSING' });
});

test('refuses punctuation, non-ASCII letters and more than 32 characters', () => {
  for (const raw of ['1234-5678', '１２３４', 'ÉCOLE1', 'A'.repeat(33), "1' OR 1=1"]) {
    assert.deepEqual(normaliseBarcode(raw), { ok: false, code: 'BARCODE_MALFORMED' }, raw);
  }
  assert.deepEqual(normaliseBarcode('A'.repeat(32)), { ok: true, barcode: 'A'.repeat(32) });
});
