import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchKey, normalisePart, titleWords } from './match-key.js';

test('case, accents, punctuation and runs of spaces do not change the key', () => {
  assert.equal(matchKey('The Brothers  Karamazov!', 'Dostoévsky, Fyodor'), matchKey('the brothers karamazov', 'Dostoevsky Fyodor'));
});

test('full-width letters and digits fold to their ordinary forms', () => {
  assert.equal(normalisePart('ＡＢＣ　１２３'), 'abc 123');
});

test('Chinese titles keep their characters, without the full-width punctuation', () => {
  assert.equal(normalisePart('《紅樓夢》'), '紅樓夢');
});

test('the author in the catalogue form (surname first) matches the author as typed', () => {
  assert.equal(matchKey('Emma', 'Austen, Jane'), matchKey('emma', 'Jane Austen'));
  assert.notEqual(matchKey('Emma', 'Jane Austen'), matchKey('Austen Jane', 'Emma'));
});

test('the author is part of the key: the same title by another author is another book', () => {
  assert.notEqual(matchKey('Emma', 'Jane Austen'), matchKey('Emma', 'Someone Else'));
  assert.notEqual(matchKey('a b', 'c'), matchKey('a', 'b c'));
});

test('a title with no letter or digit has no key', () => {
  assert.equal(matchKey('?!…', 'Anyone'), undefined);
});

test('the words of a title are its normalised words', () => {
  assert.deepEqual(titleWords("Alice's Adventures in Wonderland"), ['alice', 's', 'adventures', 'in', 'wonderland']);
});
