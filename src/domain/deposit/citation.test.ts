import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_METADATA, type DepositMetadata } from './deposit.js';
import { citationText, keywordList, scholarMeta } from './citation.js';

const paper: DepositMetadata = {
  ...EMPTY_METADATA,
  title: 'Night Markets of Kowloon',
  authors: [
    { name: 'Chan Tai Man', orcid: '0000-0002-1825-0097' },
    { name: 'Maria Santos', orcid: null },
  ],
  type: 'article',
  year: 2024,
  venue: 'Journal of Asian Studies',
  doi: '10.1000/182',
  keywords: 'markets; Kowloon, street food',
  abstract: 'An abstract.',
  version: 'accepted',
  licence: 'cc-by',
};

test('the citation: authors in order, year, title, venue and the DOI link, each ended once', () => {
  assert.equal(
    citationText(paper),
    'Chan Tai Man; Maria Santos (2024). Night Markets of Kowloon. Journal of Asian Studies. https://doi.org/10.1000/182',
  );
  assert.equal(citationText({ ...paper, venue: '', doi: null, title: 'Why?' }), 'Chan Tai Man; Maria Santos (2024). Why?');
});

test('one citation_author per author, in order; the venue tag follows the type; the PDF only when given', () => {
  const tags = scholarMeta(paper, { pdfUrl: null, publishedOn: '2026-01-05' });
  assert.deepEqual(
    tags.filter((t) => t.name === 'citation_author').map((t) => t.content),
    ['Chan Tai Man', 'Maria Santos'],
  );
  assert.equal(tags[0]!.name, 'citation_title');
  assert.deepEqual(
    tags.find((t) => t.name === 'citation_publication_date'),
    { name: 'citation_publication_date', content: '2024' },
  );
  assert.deepEqual(
    tags.find((t) => t.name === 'citation_journal_title'),
    { name: 'citation_journal_title', content: 'Journal of Asian Studies' },
  );
  assert.deepEqual(
    tags.find((t) => t.name === 'citation_doi'),
    { name: 'citation_doi', content: '10.1000/182' },
  );
  assert.equal(tags.find((t) => t.name === 'citation_online_date')?.content, '2026/01/05');
  assert.equal(
    tags.some((t) => t.name === 'citation_pdf_url'),
    false,
  );
  const open = scholarMeta(paper, { pdfUrl: 'https://lib.example/repository/1/file', publishedOn: '2026-01-05' });
  assert.equal(open.at(-1)?.content, 'https://lib.example/repository/1/file');
  assert.equal(
    scholarMeta({ ...paper, type: 'thesis' }, { pdfUrl: null, publishedOn: '2026-01-05' }).some(
      (t) => t.name === 'citation_dissertation_institution',
    ),
    true,
  );
});

test('keywords split at commas and semicolons of either width', () => {
  assert.deepEqual(keywordList('markets; Kowloon, street food'), ['markets', 'Kowloon', 'street food']);
  assert.deepEqual(keywordList('夜市；九龍，街頭小食'), ['夜市', '九龍', '街頭小食']);
  assert.deepEqual(keywordList(' ; '), []);
});
