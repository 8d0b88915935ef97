import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localizerFor } from '../../messages/index.js';
import { auditDetailText } from './audit-detail-text.js';

const en = localizerFor('en');
const zh = localizerFor('zh-HK');

test("the codes in the services' details are said in words in Chinese, sizes in KB", () => {
  const cases = [
    ['ill.status-changed', '7 "Journal": sent, lender British Library, due 2027-01-31'],
    ['ill.copy-uploaded', `8 "Article": 395 bytes, SHA-256 ${'a'.repeat(64)}`],
    ['deposit.status-changed', '3 "Thesis": under_review'],
    ['deposit.status-changed', '3 "Thesis": returned, reason the abstract is missing'],
    ['deposit.edited', '3 "Thesis": embargo_until, keywords'],
    ['recommendation.status-changed', '2 "Wolf Hall": rejected (0 mailed)'],
    ['recommendation.status-changed', '2 "Wolf Hall": ordered (3 mailed)'],
    ['staff.roles-changed', 'ill: ill → ill, repository'],
    ['staff.added', 'lee.ka.yan (circulation, ill)'],
    ['booking.cancelled', 'booking 4: Group Study Room 1, 2026-12-09; reason: closed'],
    ['booking.checked-in', 'booking 4: Group Study Room 1, 2026-12-09; at its kiosk'],
    ['kiosk.link-made', 'facility 1: Group Study Room 1'],
  ] as const;
  // Without the word joiners that keep a Chinese date on one line (messages/format.ts): they are invisible.
  const said = cases.map(([action, detail]) => auditDetailText(action, detail, zh).replaceAll('\u2060', ''));
  for (const line of said) {
    assert.doesNotMatch(
      line,
      /\b(?:[a-z]+_[a-z]+|bytes|lender|reason|due|booking|facility|mailed|sent|ordered|published|repository)\b/,
      line,
    );
  }
  assert.equal(said[0], '第 7 號「Journal」：已送交借出圖書館；借出圖書館：British Library；到期日：2027年1月31日');
  assert.match(said[1]!, /：0\.4 KB，SHA-256 a{64}$/);
  assert.equal(said[7], 'ill：館際互借 → 館際互借及研究典藏');
});

test('in English the same details read as words too, and a size in MB', () => {
  assert.equal(auditDetailText('deposit.status-changed', '3 "Thesis": under_review', en), 'no. 3 “Thesis”: Under review by the library');
  assert.match(auditDetailText('ill.copy-uploaded', `8 "A": ${5 * 1024 * 1024} bytes, SHA-256 ab`, en), /: 5 MB, SHA-256 ab$/);
  assert.equal(
    auditDetailText('recommendation.status-changed', '2 "Wolf Hall": ordered (1 mailed)', en),
    'no. 2 “Wolf Hall”: Ordered (1 supporter e-mailed)',
  );
});

test('a detail in a form not known is shown as it was written, not guessed at', () => {
  assert.equal(auditDetailText('ill.status-changed', 'something else', zh), 'something else');
  assert.equal(auditDetailText('deposit.status-changed', '3 "Thesis": floating', zh), '3 "Thesis": floating');
  assert.equal(auditDetailText('staff.refused.role', 'POST /staff/ill/1/status', zh), 'POST /staff/ill/1/status');
  assert.equal(auditDetailText('staff.logged-in', null, zh), '');
});
