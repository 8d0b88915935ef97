/**
 * What the Book Recommendation tests over HTTP share: a portal with mail, the demo patrons who
 * recommend (Wong on his default PIN, Chan and Maria on PINs of their own) and a member of staff with
 * the acquisitions role, each logged in with a form's token, and the queries and steps of a test.
 */
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import { prepare } from './raw-sql.js';
import { startPortalWithMail, TestBrowser, type TestPortal } from './test-portal.js';
import type { TestSmtp } from './test-smtp.js';

export interface RecommendationPortal {
  portal: TestPortal;
  smtp: TestSmtp;
  close(): Promise<void>;
  wong: TestBrowser;
  chan: TestBrowser;
  maria: TestBrowser;
  /** Staff with the acquisitions role. */
  desk: TestBrowser;
}

async function patron(portal: TestPortal, barcode: string, pin: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  assert.equal((await b.logIn(barcode, pin)).status, 303);
  await b.get('/myrecord/recommendations/new');
  return b;
}

async function patronWithPin(portal: TestPortal, barcode: string, defaultPin: string, chosen: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.logIn(barcode, defaultPin);
  await b.get('/pin/modify');
  assert.equal((await b.post('/pin/modify', { current_pin: defaultPin, new_pin: chosen, confirm_pin: chosen })).status, 303);
  await b.get('/myrecord/recommendations/new');
  return b;
}

/** A member of the demo staff, logged in on the staff home. */
export async function recommendationStaff(portal: TestPortal, username: (typeof DEMO_STAFF)[number]['username']): Promise<TestBrowser> {
  const member = DEMO_STAFF.find((m) => m.username === username)!;
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await b.get('/staff');
  return b;
}

export async function startRecommendationPortal(): Promise<RecommendationPortal> {
  const { portal, smtp, close } = await startPortalWithMail();
  return {
    portal,
    smtp,
    close,
    wong: await patron(portal, '21000004', 'K7M2P9'),
    chan: await patronWithPin(portal, '21000001', 'Z12345', 'g5h8j2k4'),
    maria: await patronWithPin(portal, '21000002', 'XY1234', 'v6b3n9m1'),
    desk: await recommendationStaff(portal, 'acquisitions'),
  };
}

/** The helpers of a test file whose portal is started in its `before` (hence read through `current`). */
export function recommendationHelpers(current: () => RecommendationPortal) {
  const db = () => current().portal.portal.db;
  const book = (fields: Record<string, string>) => ({
    author: '',
    isbn: '',
    publisher: '',
    year: '',
    format: 'print',
    reason: 'research',
    note: '',
    ...fields,
  });
  return {
    db,
    book,
    staff: (username: (typeof DEMO_STAFF)[number]['username']) => recommendationStaff(current().portal, username),
    idOf: (title: string) =>
      prepare(db(), 'SELECT id FROM recommendations WHERE title = ? ORDER BY id DESC LIMIT 1').pluck().get(title) as number | undefined,
    countOf: (title: string) => prepare(db(), 'SELECT COUNT(*) FROM recommendations WHERE title = ?').pluck().get(title) as number,
    supportersOf: (id: number) =>
      prepare(db(), 'SELECT COUNT(*) FROM recommendation_supporters WHERE recommendation_id = ?').pluck().get(id) as number,
    statusOf: (id: number) => prepare(db(), 'SELECT status FROM recommendations WHERE id = ?').pluck().get(id) as string,
    isbnOf: (title: string) => prepare(db(), 'SELECT isbn FROM records WHERE title = ?').pluck().get(title) as string,
    recordIdOf: (title: string) => prepare(db(), 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number,
    decoded: (html: string) => html.replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'),

    /** The form opened and sent, as the patron would. */
    async recommend(b: TestBrowser, fields: Record<string, string>) {
      await b.get('/myrecord/recommendations/new');
      return b.post('/myrecord/recommendations/new', book(fields));
    },

    /** A status change from the queue, by the acquisitions desk unless `by` is given. */
    async change(id: number, fields: Record<string, string>, by = current().desk) {
      await by.get('/staff/recommendations');
      return by.post(`/staff/recommendations/${id}/status`, { reason: '', note: '', record_isbn: '', ...fields });
    },
  };
}
