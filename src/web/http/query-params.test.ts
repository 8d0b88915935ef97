import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryText, ROW_ID, wholeNumber } from './query-params.js';

test('a whole number in plain digits within the range is read', () => {
  assert.equal(wholeNumber('1', { min: 1, max: 10 }), 1);
  assert.equal(wholeNumber('10', { min: 1, max: 10 }), 10);
  assert.equal(wholeNumber('007', { min: 1, max: 10 }), 7);
  assert.equal(wholeNumber('123456789012345', ROW_ID), 123456789012345);
});

test('anything else is no number: exponents, Infinity, NaN, signs, points, spaces, other digits, arrays', () => {
  for (const value of [
    '1e20',
    '1E3',
    'Infinity',
    '-Infinity',
    'NaN',
    '-1',
    '+1',
    '1.5',
    '1.0',
    ' 1',
    '1 ',
    '0x10',
    '1,000',
    '',
    '١٢',
    '１２',
    '9'.repeat(16),
    '9'.repeat(400),
  ]) {
    assert.equal(wholeNumber(value, ROW_ID), undefined, value);
  }
  for (const value of [undefined, null, 5, ['1'], ['1', '2'], { a: '1' }])
    assert.equal(wholeNumber(value, ROW_ID), undefined, JSON.stringify(value));
});

test('a number outside the range is no number', () => {
  assert.equal(wholeNumber('0', ROW_ID), undefined);
  assert.equal(wholeNumber('11', { min: 1, max: 10 }), undefined);
});

test('a text value is cut to its maximum; a missing or repeated one is empty', () => {
  assert.equal(queryText('Dickens', 200), 'Dickens');
  assert.equal(queryText('x'.repeat(300), 200), 'x'.repeat(200));
  assert.equal(queryText(undefined, 200), '');
  assert.equal(queryText(['a', 'b'], 200), '');
  assert.equal(queryText({ b: '1' }, 200), '');
});
