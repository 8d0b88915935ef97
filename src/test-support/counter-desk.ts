/**
 * The circulation counter as its tests drive it over HTTP: the demo counter clerk at the check-out
 * page, and the demo catalogue's items looked up by title (the demo names titles, not barcodes).
 */
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import type { Database } from '../db/engine/database.js';
import { prepare } from './raw-sql.js';
import { TestBrowser, type Answer, type TestPortal } from './test-portal.js';

/** The demo counter clerk, logged in, at the check-out and check-in page. */
export async function counterDesk(portal: TestPortal): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: DEMO_STAFF[1].username, password: DEMO_STAFF[1].password })).status, 303);
  await b.get('/staff/circulation');
  return b;
}

/** The item barcodes of a title's copies, in the order they were catalogued. */
export const itemsOf = (db: Database, title: string): string[] =>
  prepare(db, 'SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id')
    .pluck()
    .all(title) as string[];

export const recordIdOf = (db: Database, title: string): number =>
  prepare(db, 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;

/** The one box with the cursor: the id of the element carrying autofocus. */
export function focused(page: Answer): string[] {
  return [...page.text.matchAll(/<(?:input|select)\b[^>]*?\bid="([^"]+)"[^>]*?\sautofocus>/g)].map((m) => m[1]!);
}
