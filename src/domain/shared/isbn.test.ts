import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isbn10ToIsbn13, parseIsbn } from './isbn.js';

test('an ISBN-10 becomes its ISBN-13, with hyphens, spaces or an X check digit', () => {
  assert.equal(isbn10ToIsbn13('0-14-143951-3'), '9780141439518');
  assert.equal(isbn10ToIsbn13('0 306 40615 2'), '9780306406157');
  assert.equal(isbn10ToIsbn13('080442957x'), '9780804429573');
});

test('an ISBN-10 with a wrong check digit, or of the wrong length, is refused', () => {
  assert.equal(isbn10ToIsbn13('0141439514'), undefined);
  assert.equal(isbn10ToIsbn13('014143951'), undefined);
  assert.equal(isbn10ToIsbn13('X141439513'), undefined);
});

test('a patron may type either form; anything else is no ISBN', () => {
  assert.equal(parseIsbn('978-0-14-143951-8'), '9780141439518');
  assert.equal(parseIsbn('0141439513'), '9780141439518');
  assert.equal(parseIsbn('9780141439519'), undefined);
  assert.equal(parseIsbn('not an isbn'), undefined);
  assert.equal(parseIsbn(''), undefined);
});
