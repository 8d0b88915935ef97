import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orcidCheckDigit, parseOrcid } from './orcid.js';

test('accepts the iDs ORCID publishes as examples, with their check digits, and keeps the bare form', () => {
  assert.equal(parseOrcid('0000-0002-1825-0097'), '0000-0002-1825-0097');
  assert.equal(parseOrcid('0000-0001-5109-3700'), '0000-0001-5109-3700');
  // A check digit of 10 is written X.
  assert.equal(parseOrcid('0000-0002-1694-233X'), '0000-0002-1694-233X');
  assert.equal(parseOrcid('0000-0002-1694-233x'), '0000-0002-1694-233X');
});

test('accepts the link form and the form without hyphens, and stores each bare', () => {
  assert.equal(parseOrcid('https://orcid.org/0000-0002-1825-0097'), '0000-0002-1825-0097');
  assert.equal(parseOrcid('http://orcid.org/0000-0002-1825-0097'), '0000-0002-1825-0097');
  assert.equal(parseOrcid('  orcid.org/0000000218250097 '), '0000-0002-1825-0097');
});

test('refuses a wrong check digit, a wrong length, letters, and other addresses', () => {
  assert.equal(parseOrcid('0000-0002-1825-0098'), undefined);
  assert.equal(parseOrcid('0000-0002-1825-009'), undefined);
  assert.equal(parseOrcid('0000-0002-1825-00977'), undefined);
  assert.equal(parseOrcid('000A-0002-1825-0097'), undefined);
  assert.equal(parseOrcid('0000-0002-1825-X097'), undefined);
  assert.equal(parseOrcid('https://example.org/0000-0002-1825-0097'), undefined);
  assert.equal(parseOrcid('00-00000218250097'), undefined);
  assert.equal(parseOrcid(''), undefined);
});

test('the check digit is ISO 7064 MOD 11-2', () => {
  assert.equal(orcidCheckDigit('000000021825009'), '7');
  assert.equal(orcidCheckDigit('000000021694233'), 'X');
});
