import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateIllForm, type IllProblem } from './ill-form.js';

const TODAY = '2026-12-03';
const book = { title: 'Hong Kong Architecture 1945–2015', author: 'Lee Ho Yin', isbn: '978-0-306-40615-7', not_needed_after: '2027-01-31' };
const article = {
  source_title: 'Journal of Asian Studies',
  article_title: 'Libraries in the Pearl River Delta',
  year: '2019',
  pages: '112-130',
  issn_doi: '0021-9118',
  copyright_declaration: 'yes',
};
const codes = (problems: IllProblem[]) => problems.map((p) => `${p.field}:${p.code}`).sort();

test('a book request with its title and a date in the future is read, the ISBN as ISBN-13', () => {
  const result = validateIllForm('book', { ...book, isbn: '0-306-40615-2' }, TODAY);
  assert.ok(result.ok);
  assert.equal(result.details.isbn, '9780306406157');
  assert.equal(result.details.notNeededAfter, '2027-01-31');
  assert.equal(result.details.articleTitle, null);
});

test('an empty book form names both required fields', () => {
  const result = validateIllForm('book', {}, TODAY);
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), ['not_needed_after:REQUIRED', 'title:REQUIRED']);
});

test('every problem of a book form is returned at once: ISBN check digit, year, date today, a title too long', () => {
  const result = validateIllForm(
    'book',
    { title: 'x'.repeat(301), isbn: '978-0-306-40615-8', year: '20x6', not_needed_after: TODAY, note: 'n'.repeat(1001) },
    TODAY,
  );
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), [
    'isbn:ISBN_INVALID',
    'not_needed_after:DATE_NOT_FUTURE',
    'note:TOO_LONG',
    'title:TOO_LONG',
    'year:YEAR_MALFORMED',
  ]);
  assert.equal(result.problems.find((p) => p.field === 'title')?.max, 300);
});

test('a year in the future and a date that is no day of the calendar are refused', () => {
  const result = validateIllForm('book', { ...book, year: '2027', not_needed_after: '2027-02-30' }, TODAY);
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), ['not_needed_after:DATE_MALFORMED', 'year:YEAR_IN_FUTURE']);
});

test('an article copy with an ISSN, or a DOI, and the declaration is read; "not needed after" may be left empty', () => {
  const withIssn = validateIllForm('article', article, TODAY);
  assert.ok(withIssn.ok);
  assert.equal(withIssn.details.issnDoi, '0021-9118');
  assert.equal(withIssn.details.notNeededAfter, null);
  assert.equal(withIssn.declared, true);
  const withDoi = validateIllForm('article', { ...article, issn_doi: 'https://doi.org/10.1017/S0021911819000123' }, TODAY);
  assert.ok(withDoi.ok);
  assert.equal(withDoi.details.issnDoi, '10.1017/S0021911819000123');
});

test('an empty article form names every required field and the declaration', () => {
  const result = validateIllForm('article', {}, TODAY);
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), [
    'article_title:REQUIRED',
    'copyright_declaration:DECLARATION_REQUIRED',
    'pages:REQUIRED',
    'source_title:REQUIRED',
    'year:REQUIRED',
  ]);
});

test('an article without the declaration ticked is refused even when everything else is right', () => {
  const result = validateIllForm('article', { ...article, copyright_declaration: '' }, TODAY);
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), ['copyright_declaration:DECLARATION_REQUIRED']);
});

test('pages are a page or ranges of pages; an ISSN whose check digit is wrong is neither ISSN nor DOI', () => {
  for (const pages of ['12', '12-34', 'e1234', 'S5–S9', '3-5, 9-11'])
    assert.ok(validateIllForm('article', { ...article, pages }, TODAY).ok, pages);
  const result = validateIllForm('article', { ...article, pages: 'chapter two', issn_doi: '0021-9119' }, TODAY);
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), ['issn_doi:ISSN_DOI_INVALID', 'pages:PAGES_MALFORMED']);
});

test('text is stored as typed, spaces around it trimmed; markup is data, not refused', () => {
  const result = validateIllForm('book', { ...book, title: '  <script>alert(1)</script>  ' }, TODAY);
  assert.ok(result.ok);
  assert.equal(result.details.title, '<script>alert(1)</script>');
});
