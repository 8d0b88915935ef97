import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSearchContext, recordHref, searchPageHref } from './search-context.js';

test('the search is carried to a record and back: words encoded, page 1 left out', () => {
  const context = readSearchContext({ q: 'pride & prejudice', page: '2' });
  assert.equal(recordHref(12, context), '/catalogue/12?q=pride+%26+prejudice&page=2');
  assert.equal(searchPageHref(context), '/catalogue?q=pride+%26+prejudice&page=2');
  assert.equal(searchPageHref(readSearchContext({ q: 'emma', page: '1' })), '/catalogue?q=emma');
  assert.equal(searchPageHref(readSearchContext({})), '/catalogue');
  assert.equal(recordHref(12, readSearchContext({ page: '3' })), '/catalogue/12');
});

test('whatever the URL holds, the way back is the search page of this site', () => {
  for (const q of ['//evil.example', 'https://evil.example/', '/\\evil.example', '\r\nLocation: https://evil.example', '../../staff']) {
    const href = searchPageHref(readSearchContext({ q, page: '2' }));
    assert.ok(href.startsWith('/catalogue?q='), href);
    assert.equal(new URL(href, 'http://myrecord.invalid').origin, 'http://myrecord.invalid', href);
    assert.equal(new URL(href, 'http://myrecord.invalid').searchParams.get('q'), q);
  }
  for (const page of ['0', '-1', '1e3', 'Infinity', '99999', 'x', '2 ']) {
    assert.equal(searchPageHref(readSearchContext({ q: 'emma', page })), '/catalogue?q=emma', page);
  }
  assert.equal(searchPageHref(readSearchContext({ q: ['a', 'b'], page: ['2', '3'] })), '/catalogue');
  assert.equal(readSearchContext({ q: 'x'.repeat(500) }).query.length, 200);
});
