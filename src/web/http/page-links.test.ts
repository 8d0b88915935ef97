import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageLinks, type PageLink } from './page-links.js';

/** The links as a reader sees them: numbers, the current one in brackets, gaps as "…". */
const shown = (links: PageLink[]) => links.map((l) => (l.kind === 'gap' ? '…' : l.current ? `[${l.page}]` : String(l.page))).join(' ');

test('one page of results needs no page links', () => {
  assert.deepEqual(pageLinks(1, 0), []);
  assert.deepEqual(pageLinks(1, 1), []);
});

test('few pages are all shown', () => {
  assert.equal(shown(pageLinks(1, 2)), '[1] 2');
  assert.equal(shown(pageLinks(3, 5)), '1 2 [3] 4 5');
});

test('many pages: the first, the last and three around the current one, at most seven items', () => {
  assert.equal(shown(pageLinks(1, 18)), '[1] 2 3 … 18');
  assert.equal(shown(pageLinks(2, 18)), '1 [2] 3 … 18');
  assert.equal(shown(pageLinks(4, 18)), '1 2 3 [4] 5 … 18');
  assert.equal(shown(pageLinks(9, 18)), '1 … 8 [9] 10 … 18');
  assert.equal(shown(pageLinks(16, 18)), '1 … 15 [16] 17 18');
  assert.equal(shown(pageLinks(18, 18)), '1 … 16 17 [18]');
  for (let current = 1; current <= 40; current++) assert.ok(pageLinks(current, 40).length <= 7, String(current));
});
