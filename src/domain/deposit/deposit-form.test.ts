import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorsText, missingForSubmission, parseAuthors, validateDepositForm, yearsAhead, type DepositProblem } from './deposit-form.js';
import { decisionsFor, embargoOver, mayAuthorEdit, mayStaffEdit } from './deposit.js';

const today = '2026-11-28';
const full = {
  title: '  Night   Markets of Kowloon ',
  authors: 'Chan Tai Man | https://orcid.org/0000-0002-1825-0097\n\n  Maria Santos  \n',
  type: 'article',
  year: '2026',
  venue: 'Journal of Asian Studies',
  doi: 'https://doi.org/10.1000/182',
  abstract: 'First paragraph.\n\nSecond paragraph.',
  keywords: 'markets; Kowloon',
  version: 'accepted',
  licence: 'cc-by',
  embargo_until: '2027-06-30',
};
const codes = (problems: DepositProblem[]) => problems.map((p) => `${p.field}:${p.code}`);

test('a whole form is read: authors in order with bare ORCID iDs, the DOI without its link, the title without extra spaces', () => {
  const result = validateDepositForm(full, today, 3);
  assert.ok(result.ok);
  assert.deepEqual(result.metadata.authors, [
    { name: 'Chan Tai Man', orcid: '0000-0002-1825-0097' },
    { name: 'Maria Santos', orcid: null },
  ]);
  assert.equal(result.metadata.title, 'Night Markets of Kowloon');
  assert.equal(result.metadata.doi, '10.1000/182');
  assert.equal(result.metadata.abstract, 'First paragraph.\n\nSecond paragraph.');
  assert.equal(result.metadata.embargoUntil, '2027-06-30');
  assert.deepEqual(missingForSubmission(result.metadata), []);
});

test('a draft may be empty; submitting it lists every required field', () => {
  const result = validateDepositForm({}, today, 3);
  assert.ok(result.ok);
  assert.deepEqual(codes(missingForSubmission(result.metadata)), [
    'title:REQUIRED',
    'authors:REQUIRED',
    'type:REQUIRED',
    'year:REQUIRED',
    'abstract:REQUIRED',
    'version:REQUIRED',
    'licence:REQUIRED',
  ]);
});

test('every problem at once, each with its field', () => {
  const result = validateDepositForm(
    {
      title: 't'.repeat(301),
      authors: 'Chan | 0000-0002-1825-0098\n| 0000-0002-1825-0097',
      type: 'poem',
      year: '20x6',
      doi: '11.1/x',
      abstract: 'a'.repeat(5001),
      version: 'draft',
      licence: 'gpl',
      embargo_until: '2026-02-30',
    },
    today,
    3,
  );
  assert.ok(!result.ok);
  assert.deepEqual(codes(result.problems), [
    'title:TOO_LONG',
    'authors:ORCID_INVALID',
    'authors:AUTHOR_NAME_MISSING',
    'type:CHOICE_UNKNOWN',
    'year:YEAR_MALFORMED',
    'doi:DOI_INVALID',
    'abstract:TOO_LONG',
    'version:CHOICE_UNKNOWN',
    'licence:CHOICE_UNKNOWN',
    'embargo_until:DATE_MALFORMED',
  ]);
  const orcid = result.problems.find((p) => p.code === 'ORCID_INVALID')!;
  assert.equal(orcid.line, 1);
  assert.equal(orcid.value, '0000-0002-1825-0098');
  assert.equal(result.problems.find((p) => p.code === 'AUTHOR_NAME_MISSING')!.line, 2);
});

test('an abstract of exactly 5,000 characters is accepted, 5,001 is not', () => {
  assert.ok(validateDepositForm({ abstract: 'a'.repeat(5000) }, today, 3).ok);
  assert.ok(!validateDepositForm({ abstract: 'a'.repeat(5001) }, today, 3).ok);
});

test('the year: four digits, at most next year (in press)', () => {
  assert.ok(validateDepositForm({ year: '2027' }, today, 3).ok);
  const future = validateDepositForm({ year: '2028' }, today, 3);
  assert.ok(!future.ok && future.problems[0]!.code === 'YEAR_IN_FUTURE');
});

test("the embargo ends after today and at most the rule's years ahead, to the day", () => {
  assert.equal(yearsAhead(today, 3), '2029-11-28');
  assert.ok(validateDepositForm({ embargo_until: '2029-11-28' }, today, 3).ok);
  const far = validateDepositForm({ embargo_until: '2029-11-29' }, today, 3);
  assert.ok(!far.ok);
  assert.deepEqual(far.problems[0], { field: 'embargo_until', code: 'EMBARGO_TOO_FAR', max: 3, latest: '2029-11-28' });
  const past = validateDepositForm({ embargo_until: today }, today, 3);
  assert.ok(!past.ok && past.problems[0]!.code === 'EMBARGO_NOT_FUTURE');
});

test('more than 50 authors is refused; the authors are shown again one a line', () => {
  const many = Array.from({ length: 51 }, (_, i) => `Author ${i}`).join('\n');
  const result = validateDepositForm({ authors: many }, today, 3);
  assert.ok(!result.ok && result.problems.some((p) => p.code === 'TOO_MANY_AUTHORS'));
  const problems: DepositProblem[] = [];
  assert.equal(authorsText(parseAuthors('A | 0000-0002-1825-0097\nB', problems)), 'A | 0000-0002-1825-0097\nB');
  assert.deepEqual(problems, []);
});

test('who may change a deposit when; which decisions staff have; when the file opens', () => {
  assert.deepEqual(
    ['draft', 'submitted', 'under_review', 'returned', 'published', 'withdrawn'].filter((s) => mayAuthorEdit(s as never)),
    ['draft', 'returned'],
  );
  assert.deepEqual(
    ['draft', 'submitted', 'under_review', 'returned', 'published'].filter((s) => mayStaffEdit(s as never)),
    ['under_review'],
  );
  assert.deepEqual(decisionsFor('under_review'), ['publish', 'return']);
  assert.deepEqual(decisionsFor('published'), ['withdraw']);
  assert.deepEqual(decisionsFor('submitted'), []);
  assert.equal(embargoOver(null, today), true);
  assert.equal(embargoOver('2026-11-29', today), false);
  assert.equal(embargoOver('2026-11-28', today), true);
});
