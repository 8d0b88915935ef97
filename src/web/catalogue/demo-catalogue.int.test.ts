/**
 * The demo catalogue is what every newcomer searches first: the first page of a search for "the"
 * shows no title with a racial or ethnic slur, and no record in the demo file carries one (so a
 * change in ranking cannot bring one up).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_CATALOGUE_FILE } from '../../demo/demo-circulation.js';
import { PAGE_SIZE } from '../../services/catalogue/catalogue-service.js';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';

/** Slurs found in the titles of older public-domain works; matched as whole words, in any case. */
const SLURS = [
  'nigger',
  'niggers',
  'darkey',
  'darkie',
  'darky',
  'coon',
  'coons',
  'chink',
  'chinaman',
  'jap',
  'japs',
  'redskin',
  'redskins',
  'injun',
  'squaw',
  'coolie',
  'coolies',
  'hottentot',
  'kaffir',
  'pickaninny',
  'sambo',
  'golliwog',
  'kike',
  'dago',
  'wop',
];
const SLUR = new RegExp(`\\b(?:${SLURS.join('|')})\\b`, 'i');

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

test('the first page of a search for "the" shows a full page of titles, none with a slur', async () => {
  const b = new TestBrowser(portal.url);
  // 21000004 has chosen a PIN: the catalogue is open to her.
  assert.equal((await b.logIn('21000004', 'K7M2P9')).status, 303);
  const page = await b.get('/catalogue?q=the');
  assert.equal(page.status, 200);
  // Each result links to its record: the link's text is the title.
  const titles = [...page.text.matchAll(/<a\b[^>]*href="\/catalogue\/\d+(?:\?[^"]*)?"[^>]*>([\s\S]*?)<\/a>/g)].map((match) =>
    match[1]!.replace(/<[^>]*>/g, '').trim(),
  );
  assert.equal(titles.length, PAGE_SIZE, 'a full first page');
  assert.deepEqual(
    titles.filter((title) => SLUR.test(title)),
    [],
  );
  assert.doesNotMatch(page.text, SLUR);
});

test('no record of the demo catalogue has a slur in its title or subjects', () => {
  const offending = readFileSync(DEMO_CATALOGUE_FILE, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: index + 1, text: line }))
    .filter(({ text }) => SLUR.test(text));
  assert.deepEqual(offending, []);
});
