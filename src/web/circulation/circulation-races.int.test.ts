/** Fired at once, these end in one consistent state each. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let chan: TestBrowser;
let maria: TestBrowser;
before(async () => {
  portal = await startTestPortal();
  chan = await patronWithPin('21000001', 'Z12345', 'g5h8j2k4');
  maria = await patronWithPin('21000002', 'XY1234', 'v6b3n9m1');
});
after(() => portal.close());

async function patronWithPin(barcode: string, defaultPin: string, chosen: string): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.logIn(barcode, defaultPin);
  await b.get('/pin/modify');
  assert.equal((await b.post('/pin/modify', { current_pin: defaultPin, new_pin: chosen, confirm_pin: chosen })).status, 303);
  await b.get('/myrecord/circulation');
  return b;
}
async function staff(member: { username: string; password: string }): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url);
  await b.get('/staff/login');
  await b.post('/staff/login', { username: member.username, password: member.password });
  await b.get('/staff/circulation');
  return b;
}
const db = () => portal.portal.db;
const recordIdOf = (title: string) => prepare(db(), 'SELECT id FROM records WHERE title = ?').pluck().get(title) as number;
const itemOf = (title: string) =>
  prepare(db(), 'SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id LIMIT 1')
    .pluck()
    .get(title) as string;

test('two patrons requesting the same title at once get places 1 and 2 in the queue', async () => {
  const record = recordIdOf('Dombey and Son');
  const copy = itemOf('Dombey and Son');
  const wong = new TestBrowser(portal.url);
  await wong.logIn('21000004', 'K7M2P9');
  await wong.get('/catalogue');
  const desk = await staff(DEMO_STAFF[1]);
  assert.match(
    (await desk.shown(await desk.post('/staff/checkout', { patron_barcode: '21000004', item_barcode: copy }))).text,
    /Checked out/,
  );
  const answers = await Promise.all([
    chan.post(`/catalogue/${record}/request`, { pickup: '1' }),
    maria.post(`/catalogue/${record}/request`, { pickup: '1' }),
  ]);
  assert.deepEqual(
    answers.map((a) => a.status),
    [303, 303],
  );
  const places: unknown = prepare(db(), "SELECT COUNT(*) FROM requests WHERE record_id = ? AND status = 'waiting'").pluck().get(record);
  assert.equal(places, 2);
  const positions = portal.portal.repos.requests
    .openOfPatron(portal.portal.patrons.findByBarcode('21000001')!.id)
    .concat(portal.portal.repos.requests.openOfPatron(portal.portal.patrons.findByBarcode('21000002')!.id))
    .filter((r) => r.recordId === record)
    .map((r) => r.queuePosition)
    .sort();
  assert.deepEqual(positions, [1, 2]);
});

test('a patron with one request left, asking for two titles at once, gets exactly one', async () => {
  prepare(
    db(),
    "UPDATE loan_rules SET requests_allowed = (SELECT COUNT(*) FROM requests q JOIN patrons p ON p.id = q.patron_id WHERE p.barcode = '21000001' AND q.status IN ('waiting', 'ready')) + 1 WHERE patron_type = 'undergraduate'",
  ).run();
  const desk = await staff(DEMO_STAFF[1]);
  for (const title of ['Hard Times', 'Little Dorrit']) {
    assert.match(
      (await desk.shown(await desk.post('/staff/checkout', { patron_barcode: '21000004', item_barcode: itemOf(title) }))).text,
      /Checked out/,
    );
  }
  const answers = await Promise.all([
    chan.post(`/catalogue/${recordIdOf('Hard Times')}/request`, { pickup: '1' }),
    chan.post(`/catalogue/${recordIdOf('Little Dorrit')}/request`, { pickup: '1' }),
  ]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [303, 422]);
  assert.ok(answers.some((a) => /limit of \d+ requests/.test(a.text)));
});

test('two counter staff checking out the same copy at once: one loan, one refusal', async () => {
  const [a, b] = await Promise.all([staff(DEMO_STAFF[0]), staff(DEMO_STAFF[1])]);
  const item = itemOf('Bleak House');
  const answers = await Promise.all([
    a.post('/staff/checkout', { patron_barcode: '21000002', item_barcode: item }),
    b.post('/staff/checkout', { patron_barcode: '21000003', item_barcode: item }),
  ]);
  assert.deepEqual(answers.map((x) => x.status).sort(), [303, 422]);
  assert.equal(answers.filter((x) => /on loan already/.test(x.text)).length, 1);
  const open: unknown = prepare(
    db(),
    'SELECT COUNT(*) FROM loans l JOIN copies c ON c.id = l.copy_id WHERE c.item_barcode = ? AND l.returned_at IS NULL',
  )
    .pluck()
    .get(item);
  assert.equal(open, 1);
});

test('a renewal racing a request for the same title ends consistently', async () => {
  // Chan has "Treasure Island"; he renews it while Maria requests it.
  const form = await chan.get('/myrecord/renew');
  const choice = /name="renew" value="([^"]+)">\s*<label[^>]*>Treasure Island/.exec(form.text)?.[1] ?? '';
  const [renewal, request] = await Promise.all([
    chan.post('/myrecord/renew', { renew: choice }),
    maria.post(`/catalogue/${recordIdOf('Treasure Island')}/request`, { pickup: '1' }),
  ]);
  assert.equal(request.status, 303, 'the request is placed either way');
  assert.equal(renewal.status, 303);
  const results = (await chan.get('/myrecord/renew')).text;
  const renewed = /Treasure Island<\/strong><br>Renewed/.test(results);
  const refused = /Treasure Island<\/strong><br>Not renewed: requested by another patron/.test(results);
  assert.ok(renewed !== refused, 'exactly one outcome');
  const renewals: unknown = prepare(
    db(),
    "SELECT l.renewals FROM loans l JOIN copies c ON c.id = l.copy_id JOIN records r ON r.id = c.record_id WHERE r.title = 'Treasure Island' AND l.returned_at IS NULL",
  )
    .pluck()
    .get();
  assert.equal(renewals, renewed ? 1 : 0);
  // Now that she waits, the form says it cannot be renewed, and a renewal sent anyway is refused.
  const again = await chan.get('/myrecord/renew');
  assert.match(again.text, /Cannot be renewed: requested by another patron/);
  const next = /name="renew" value="([^"]+)"[^>]*>\s*<label[^>]*>Treasure Island/.exec(again.text)?.[1] ?? '';
  assert.equal((await chan.post('/myrecord/renew', { renew: next })).status, 303);
  assert.match((await chan.get('/myrecord/renew')).text, /Not renewed: requested by another patron/);
});

test('a hold not collected by its last day lapses, and the copy goes to the next patron waiting', async () => {
  const record = recordIdOf('Dombey and Son');
  const desk = await staff(DEMO_STAFF[1]);
  // Wong returns it: the first in the queue gets the hold, the second waits behind.
  const queue = prepare(
    db(),
    "SELECT p.barcode, p.name FROM requests q JOIN patrons p ON p.id = q.patron_id WHERE q.record_id = ? AND q.status = 'waiting' ORDER BY q.placed_at, q.id",
  ).all(record) as Array<{ barcode: string; name: string }>;
  const [first, second] = queue;
  const back = await desk.shown(await desk.post('/staff/checkin', { item_barcode: itemOf('Dombey and Son') }));
  assert.match(back.text, new RegExp(`hold shelf for ${first!.name}`));
  const holdDays = prepare(db(), 'SELECT hold_days FROM pickup_locations WHERE id = 1').pluck().get() as number;
  portal.clock.advance((holdDays + 1) * 86_400_000);
  portal.portal.housekeeping();
  const statusOf = (barcode: string): unknown =>
    prepare(db(), 'SELECT q.status FROM requests q JOIN patrons p ON p.id = q.patron_id WHERE q.record_id = ? AND p.barcode = ?')
      .pluck()
      .get(record, barcode);
  assert.equal(statusOf(first!.barcode), 'cancelled');
  assert.equal(statusOf(second!.barcode), 'ready');
});
