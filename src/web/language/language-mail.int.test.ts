/**
 * A patron's mail goes out in the language on their record (chosen with the switch, or taken
 * from the browser at login), whoever's action sends it and whatever language they read: the
 * PIN-changed notice, the reset link, the notice that the PIN was reset, the hold-shelf mail.
 * Each is compared, word for word, with its catalogue's message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { addDays, libraryDateOf } from '../../domain/shared/library-date.js';
import type { Locale } from '../../domain/shared/locale.js';
import { localizerFor, type MessageKey, type Params } from '../../messages/index.js';
import { RESET_LINK_MINUTES } from '../../services/pin/pin-reset-service.js';
import { ACCEPT_LANGUAGE } from '../../test-support/language-tour.js';
import { wordsOutside } from '../../test-support/page-language.js';
import { shownData } from '../../test-support/shown-data.js';
import { startPortalWithMail, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { ReceivedMail, TestSmtp } from '../../test-support/test-smtp.js';
import { prepare } from '../../test-support/raw-sql.js';

const PUBLIC_URL = 'https://myrecord.example.edu';
const counter = DEMO_STAFF[1];

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;
before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail({ PUBLIC_URL }));
});
after(() => stop());

/** A browser whose reader asks for `locale`, and chose it with the switch too. */
async function browserIn(locale: Locale): Promise<TestBrowser> {
  const b = new TestBrowser(portal.url, { 'accept-language': ACCEPT_LANGUAGE[locale] });
  await b.get('/login');
  assert.equal((await b.post('/language', { lang: locale, next: '/login' })).status, 303);
  return b;
}

async function counterIn(locale: Locale): Promise<TestBrowser> {
  const b = await browserIn(locale);
  await b.get('/staff/login');
  assert.equal((await b.post('/staff/login', { username: counter.username, password: counter.password })).status, 303);
  return b;
}

const seen = new Set<ReceivedMail>();
/** The next mail to this address, not one a test has read already. */
async function nextMailTo(address: string): Promise<ReceivedMail> {
  const mail = await smtp.waitFor((m) => m.to.includes(address) && !seen.has(m));
  seen.add(mail);
  return mail;
}

/** The mail is the catalogue's message in `locale`, filled in, and nothing in it is in another language. */
function expectMailIn(locale: Locale, mail: ReceivedMail, message: { subject: MessageKey; body: MessageKey; params: Params }) {
  const { t } = localizerFor(locale);
  assert.equal(mail.subject, t(message.subject));
  assert.equal(mail.text, t(message.body, { ...message.params, signature: t('mail.signature') }));
  assert.deepEqual(
    wordsOutside(locale, `${mail.subject}\n${mail.text}`, shownData(portal.portal.db)),
    [],
    `a mail in ${locale} throughout`,
  );
}

const linkIn = (mail: ReceivedMail) => new RegExp(`${PUBLIC_URL}/pin/reset/[A-Za-z0-9_-]+`).exec(mail.text)?.[0] ?? assert.fail(mail.text);

describe("mail in the language on the patron's record", () => {
  const zh = localizerFor('zh-HK');

  test('the notice that the PIN was changed', async () => {
    const b = await browserIn('zh-HK');
    await b.post('/login', { barcode: '21000001', pin: 'Z12345' });
    await b.get('/pin/modify');
    assert.equal((await b.post('/pin/modify', { current_pin: 'Z12345', new_pin: 'r8t2y6u4', confirm_pin: 'r8t2y6u4' })).status, 303);
    expectMailIn('zh-HK', await nextMailTo('tai-man.chan@example.edu'), {
      subject: 'mail.pinChanged.subject',
      body: 'mail.pinChanged.body',
      params: {
        name: 'Chan Tai Man',
        barcode: '21000001',
        when: zh.formatDateTime(portal.clock.now()),
        resetUrl: `${PUBLIC_URL}/pin/forgot`,
      },
    });
  });

  test('the reset link and the notice that the PIN was reset, though asked for and used in an English browser', async () => {
    const b = await browserIn('en');
    await b.get('/pin/forgot');
    await b.post('/pin/forgot', { barcode: '21000001' });
    const mail = await nextMailTo('tai-man.chan@example.edu');
    const link = linkIn(mail);
    const document = 'hkid';
    expectMailIn('zh-HK', mail, {
      subject: 'mail.resetLink.subject',
      body: 'mail.resetLink.body',
      params: { name: 'Chan Tai Man', barcode: '21000001', document, minutes: RESET_LINK_MINUTES, link },
    });
    await b.get(link.slice(PUBLIC_URL.length));
    assert.equal((await b.post(link.slice(PUBLIC_URL.length), {})).status, 303);
    expectMailIn('zh-HK', await nextMailTo('tai-man.chan@example.edu'), {
      subject: 'mail.pinReset.subject',
      body: 'mail.pinReset.body',
      params: { name: 'Chan Tai Man', barcode: '21000001', when: zh.formatDateTime(portal.clock.now()), how: 'online', document },
    });
  });

  test('the hold-shelf mail, sent by counter staff who read English', async () => {
    const patron = await browserIn('zh-HK');
    assert.equal((await patron.post('/login', { barcode: '21000004', pin: 'K7M2P9' })).status, 303);
    const desk = await counterIn('en');
    await desk.get('/staff/circulation');
    const item = prepare(
      portal.portal.db,
      "SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = 'Crime and Punishment'",
    )
      .pluck()
      .get() as string;
    assert.equal((await desk.post('/staff/checkin', { item_barcode: item })).status, 303);
    const pickup = prepare(portal.portal.db, "SELECT name, hold_days FROM pickup_locations WHERE code = 'MAIN'").get() as {
      name: string;
      hold_days: number;
    };
    expectMailIn('zh-HK', await nextMailTo('siu-ling.wong@example.edu'), {
      subject: 'mail.holdReady.subject',
      body: 'mail.holdReady.body',
      params: {
        name: 'Wong Siu Ling',
        title: 'Crime and Punishment',
        pickupLocation: zh.t('pickup.name', { code: 'MAIN', name: pickup.name }),
        collectBy: zh.formatDate(addDays(libraryDateOf(portal.clock.now()), pickup.hold_days)),
      },
    });
  });

  test('English for a patron whose record says English, though counter staff read 繁體中文', async () => {
    const patron = await browserIn('en');
    assert.equal((await patron.post('/login', { barcode: '21000002', pin: 'XY1234' })).status, 303);
    const desk = await counterIn('zh-HK');
    await desk.get('/staff/patrons/21000002');
    assert.equal((await desk.post('/staff/patrons/21000002/pin/delete', { id_checked: 'yes' })).status, 303);
    expectMailIn('en', await nextMailTo('maria.santos@example.edu'), {
      subject: 'mail.pinReset.subject',
      body: 'mail.pinReset.body',
      params: {
        name: 'Maria Santos',
        barcode: '21000002',
        when: localizerFor('en').formatDateTime(portal.clock.now()),
        how: 'counter',
        document: 'passport',
      },
    });
  });
});

describe('mail for a patron whose language is not known yet', () => {
  test('the reset link, and the notice that the PIN was reset, follow the browser that asked', async () => {
    assert.equal(portal.portal.patrons.findByBarcode('21000003')!.language, null);
    const b = await browserIn('zh-HK');
    await b.get('/pin/forgot');
    await b.post('/pin/forgot', { barcode: '21000003' });
    const zh = localizerFor('zh-HK');
    const mail = await nextMailTo('wei.li@example.edu');
    const link = linkIn(mail);
    const document = 'mainland_id';
    expectMailIn('zh-HK', mail, {
      subject: 'mail.resetLink.subject',
      body: 'mail.resetLink.body',
      params: { name: 'Li Wei', barcode: '21000003', document, minutes: RESET_LINK_MINUTES, link },
    });
    await b.get(link.slice(PUBLIC_URL.length));
    assert.equal((await b.post(link.slice(PUBLIC_URL.length), {})).status, 303);
    expectMailIn('zh-HK', await nextMailTo('wei.li@example.edu'), {
      subject: 'mail.pinReset.subject',
      body: 'mail.pinReset.body',
      params: { name: 'Li Wei', barcode: '21000003', when: zh.formatDateTime(portal.clock.now()), how: 'online', document },
    });
  });
});
