import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRecommendation, type RecommendationFields } from './recommendation-form.js';

const base: RecommendationFields = {
  title: 'Ficciones',
  author: 'Jorge Luis Borges',
  isbn: '',
  publisher: '',
  year: '',
  format: 'print',
  reason: 'research',
  note: '',
  request_when_available: '',
  pickup: '',
};
const codes = (fields: Partial<RecommendationFields>) => {
  const result = checkRecommendation({ ...base, ...fields }, 2026);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
};

describe('the recommendation form', () => {
  test('accepts a title alone with a format and a reason, storing text as typed and trimmed', () => {
    const result = checkRecommendation({ ...base, title: '  Ficciones ', author: '' }, 2026);
    assert.ok(result.ok);
    assert.equal(result.value.title, 'Ficciones');
    assert.equal(result.value.isbn13, null);
    assert.equal(result.value.requestPickup, null);
  });

  test('returns every problem at once, each with its field', () => {
    assert.deepEqual(
      codes({
        title: ' ',
        author: 'a'.repeat(201),
        isbn: '978-0-00-000000-1',
        year: '99',
        format: 'scroll',
        reason: '',
        note: 'n'.repeat(1001),
      }),
      [
        'title:TITLE_REQUIRED',
        'author:AUTHOR_TOO_LONG',
        'isbn:ISBN_INVALID',
        'year:YEAR_INVALID',
        'format:FORMAT_REQUIRED',
        'reason:REASON_REQUIRED',
        'note:NOTE_TOO_LONG',
      ],
    );
  });

  test('refuses a title over 300 characters and accepts one of exactly 300', () => {
    assert.deepEqual(codes({ title: 't'.repeat(301) }), ['title:TITLE_TOO_LONG']);
    assert.deepEqual(codes({ title: 't'.repeat(300) }), []);
  });

  test('reads an ISBN-10 with hyphens as its ISBN-13, and refuses a wrong check digit', () => {
    const result = checkRecommendation({ ...base, isbn: '0-306-40615-2' }, 2026);
    assert.ok(result.ok);
    assert.equal(result.value.isbn13, '9780306406157');
    assert.deepEqual(codes({ isbn: '0-306-40615-3' }), ['isbn:ISBN_INVALID']);
  });

  test('refuses a year after this one, and accepts this one', () => {
    assert.deepEqual(codes({ year: '2027' }), ['year:YEAR_IN_FUTURE']);
    assert.deepEqual(codes({ year: '2026' }), []);
    assert.deepEqual(codes({ year: '２０２６' }), ['year:YEAR_INVALID']);
  });

  test('needs a note when the reason is other', () => {
    assert.deepEqual(codes({ reason: 'other' }), ['note:NOTE_REQUIRED_FOR_OTHER']);
    assert.deepEqual(codes({ reason: 'other', note: 'For the reading group' }), []);
  });

  test('asking for a request once it arrives needs a pickup location', () => {
    assert.deepEqual(codes({ request_when_available: 'yes' }), ['pickup:PICKUP_REQUIRED']);
    const result = checkRecommendation({ ...base, request_when_available: 'yes', pickup: '2' }, 2026);
    assert.ok(result.ok);
    assert.equal(result.value.requestPickup, 2);
  });

  test('a pickup chosen without asking for a request is ignored', () => {
    const result = checkRecommendation({ ...base, pickup: '2' }, 2026);
    assert.ok(result.ok);
    assert.equal(result.value.requestPickup, null);
  });
});
