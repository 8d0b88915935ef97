import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centsOf } from './payment-amount.js';

test('reads an amount in dollars, with cents, with HK$, with spaces around', () => {
  assert.equal(centsOf('12'), 1200);
  assert.equal(centsOf('12.5'), 1250);
  assert.equal(centsOf('HK$12.50'), 1250);
  assert.equal(centsOf(' 12 '), 1200);
  assert.equal(centsOf('hk$ 0.05'), 5);
  assert.equal(centsOf('\t HK$ 1234567.99 \n'), 123456799);
});

test('refuses anything else', () => {
  for (const raw of [
    '',
    ' ',
    'HK$',
    '12.',
    '.5',
    '12.505',
    '-12',
    '1e3',
    '12 .5',
    '12,50',
    'HK $12',
    '$12',
    '12345678',
    'twelve',
    '12HK$',
    'HK$12 HK$',
  ]) {
    assert.equal(centsOf(raw), undefined, JSON.stringify(raw));
  }
});
