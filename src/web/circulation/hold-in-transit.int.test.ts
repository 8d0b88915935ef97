/**
 * A hold for another library over HTTP: returned at the main counter it travels, shown so to the
 * patron and in the catalogue, and is ready (and mailed once) only when checked in at the counter
 * chosen as "Your counter".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import { localizerFor } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';
import { counterDesk, itemsOf as itemsOfTitle, recordIdOf as recordIdIn } from '../../test-support/counter-desk.js';

const { formatDate } = localizerFor('en');

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail());
});
after(() => stop());

const counterStaff = () => counterDesk(portal);
const db = () => portal.portal.db;
const itemsOf = (title: string) => itemsOfTitle(db(), title);
const recordIdOf = (title: string) => recordIdIn(db(), title);

describe('a hold that travels', () => {
  test('returned at the main counter for pickup at Law: in transit, shown so to the patron and in the catalogue; ready, and mailed once, only when checked in at Law', async () => {
    const wong = new TestBrowser(portal.url);
    assert.equal((await wong.logIn('21000004', 'K7M2P9')).status, 303);
    const record = recordIdOf('Kidnapped');
    await wong.get(`/catalogue/${record}`);
    const law = prepare(db(), "SELECT id FROM pickup_locations WHERE code = 'LAW'").pluck().get() as number;
    assert.equal((await wong.post(`/catalogue/${record}/request`, { pickup: String(law) })).status, 303);
    const [copy] = itemsOf('Kidnapped');
    const isKidnappedReady = (m: { to: string[]; subject: string; text: string }) =>
      m.to.includes('siu-ling.wong@example.edu') &&
      m.subject === 'Your requested book is ready for pickup' &&
      m.text.includes('"Kidnapped"');

    // A desk that never chose its counter is at the main library's, and says so.
    const desk = await counterStaff();
    const start = await desk.get('/staff/circulation');
    assert.match(
      start.text,
      /Not chosen on this computer yet: check-ins count as made at Main Library, Circulation Counter, Podium Floor\./,
    );
    const atMain = await desk.shown(await desk.post('/staff/checkin', { item_barcode: copy! }));
    assert.match(
      atMain.text,
      /class="notice__action">Requested for pickup at Law Library, Service Counter: send it there \(in transit\)\. Wong Siu Ling \(21000004\) is e-mailed when it is checked in there\./,
    );
    assert.match(
      (await wong.get('/myrecord/circulation')).text,
      /Kidnapped[\s\S]*?In transit to Law Library, Service Counter: you will be e-mailed when it is ready to collect there/,
    );
    assert.match(
      (await wong.get(`/catalogue/${record}`)).text,
      new RegExp(`<td[^>]*>${copy}</td>[\\s\\S]*?<td[^>]*>In transit to Law Library, Service Counter</td>`),
    );
    assert.match((await desk.get('/staff/patrons/21000004')).text, /Kidnapped: in transit to Law Library, Service Counter/);
    await portal.portal.notices.settled();
    assert.equal(smtp.received.filter(isKidnappedReady).length, 0, 'no mail while it travels');

    // At the Law Library's desk.
    const chosen = await desk.post('/staff/counter', { counter: 'LAW' });
    assert.equal(chosen.status, 303);
    const lawDesk = await desk.shown(chosen);
    assert.match(lawDesk.text, /Your counter is now Law Library, Service Counter\./);
    assert.match(lawDesk.text, /<input type="radio" id="counter-LAW" name="counter" value="LAW" checked>/);
    assert.doesNotMatch(lawDesk.text, /Not chosen on this computer yet/);
    const arrived = await desk.shown(await desk.post('/staff/checkin', { item_barcode: copy! }));
    const collectBy = formatDate(addDays(libraryDateOf(portal.clock.now()), 7));
    assert.match(arrived.text, new RegExp(`Requested: put it on the hold shelf for Wong Siu Ling \\(21000004\\) until ${collectBy}\\.`));
    assert.match(
      (await wong.get('/myrecord/circulation')).text,
      new RegExp(`Kidnapped[\\s\\S]*?Ready for pickup since [^<]*: collect by ${collectBy}`),
    );
    const mail = await smtp.waitFor(isKidnappedReady);
    assert.match(mail.text, /waiting for you at Law Library, Service Counter/);

    // Scanned again at Law: refused, nothing moves, no second mail.
    assert.equal((await desk.post('/staff/checkin', { item_barcode: copy! })).status, 422);
    await portal.portal.notices.settled();
    assert.equal(smtp.received.filter(isKidnappedReady).length, 1);
  });

  test('"Your counter" takes only a pickup location; anything else is a 422 and keeps the counter', async () => {
    const desk = await counterStaff();
    for (const counter of ['NOWHERE', '', "LAW' OR 1=1"]) {
      const answer = await desk.post('/staff/counter', { counter });
      assert.equal(answer.status, 422, counter);
      assert.match(answer.text, /Choose a counter from the list\./);
      assert.doesNotMatch(answer.headers.get('set-cookie') ?? '', /myrecord\.counter/);
    }
    desk.setCookie('myrecord.counter', 'NOWHERE');
    assert.match((await desk.get('/staff/circulation')).text, /check-ins count as made at Main Library/);
  });
});
