import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSameItem } from './ill-duplicate.js';

const book = { kind: 'book' as const, title: 'The Hungry Tide', articleTitle: null, author: 'Amitav Ghosh', isbn: null, issnDoi: null };
const article = {
  kind: 'article' as const,
  title: 'Journal of Asian Studies',
  articleTitle: 'Night Markets of Kowloon',
  author: '',
  isbn: null,
  issnDoi: '0021-9118',
};

test('a book typed again another way, or with the same ISBN, is the same item', () => {
  assert.ok(isSameItem({ ...book, title: 'the hungry tide!', author: 'Ghosh, Amitav' }, book));
  assert.ok(isSameItem({ ...book, title: 'Hungry Tide', isbn: '9780618329977' }, { ...book, isbn: '9780618329977' }));
});

test('another author, another title or another kind is not', () => {
  assert.ok(!isSameItem({ ...book, author: 'Someone Else' }, book));
  assert.ok(!isSameItem({ ...book, title: 'The Glass Palace' }, book));
  assert.ok(!isSameItem({ ...article, title: book.title, articleTitle: book.title }, { ...book, articleTitle: null }));
});

test('an article is the same by its DOI, or by its title, author and journal; a shared ISSN alone is not enough', () => {
  assert.ok(isSameItem({ ...article, articleTitle: 'night markets of kowloon' }, article));
  assert.ok(!isSameItem({ ...article, articleTitle: 'Ferries of Victoria Harbour' }, article));
  assert.ok(!isSameItem({ ...article, title: 'Modern Asian Studies' }, article));
  const doi = { ...article, issnDoi: '10.1017/S0021911818000012' };
  assert.ok(isSameItem({ ...doi, articleTitle: 'Night markets (Kowloon)' }, { ...doi, issnDoi: '10.1017/s0021911818000012' }));
});
