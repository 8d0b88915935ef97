import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortalWithMail, startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import type { TestSmtp } from '../../test-support/test-smtp.js';
import { HEADER } from '../../test-support/fixtures.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { prepare } from '../../test-support/raw-sql.js';

let portal: TestPortal;
let smtp: TestSmtp;
let stop: () => Promise<void>;

before(async () => {
  ({ portal, smtp, close: stop } = await startPortalWithMail({ PUBLIC_URL: 'https://myrecord.library.invalid' }));
  await portal.portal.importer.importCsv(`${HEADER}\n21000099,No Mail Patron,,,,11010519491231002X,,\n`);
});
after(() => stop());

const browser = () => new TestBrowser(portal.url);
const linkIn = (text: string) => /https:\/\/myrecord\.library\.invalid(\/pin\/reset\/[A-Za-z0-9_-]+)/.exec(text)?.[1];

async function requestLink(barcode: string) {
  const b = browser();
  await b.get('/pin/forgot');
  return b.post('/pin/forgot', { barcode });
}

describe('asking for a reset link', () => {
  test('the form has a labelled Barcode field and a "Send reset link" button', async () => {
    const page = await browser().get('/pin/forgot');
    assert.equal(page.status, 200);
    assert.match(page.text, /<label for="barcode">Barcode<\/label>/);
    assert.match(page.text, />Send reset link</);
  });

  test('the login page links to it', async () => {
    assert.match((await browser().get('/login')).text, /href="\/pin\/forgot"/);
  });

  test('answers the same page and status for a patron with e-mail, one without, and an unknown barcode', async () => {
    const pages = await Promise.all(['21000002', '21000099', '88888888'].map(requestLink));
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');
    for (const page of pages) {
      assert.equal(page.status, 200);
      assert.match(page.text, /If the barcode belongs to a patron with an e-mail address on file, a reset link is on its way/);
    }
    assert.equal(strip(pages[0]!.text), strip(pages[1]!.text));
    assert.equal(strip(pages[0]!.text), strip(pages[2]!.text));
    const mail = await smtp.waitFor((m) => m.to.includes('maria.santos@example.edu'));
    assert.equal(mail.subject, 'Reset your myRecord PIN');
    assert.ok(linkIn(mail.text), mail.text);
    await portal.portal.notices.settled();
    assert.equal(
      smtp.received.filter((m) => m.subject === 'Reset your myRecord PIN').length,
      1,
      'only the patron with an address gets mail',
    );
  });

  test('malformed barcodes get 422 with a message', async () => {
    const page = await requestLink('12-34');
    assert.equal(page.status, 422);
    assert.match(page.text, /A barcode is 1 to 32 letters or digits/);
  });

  test('without a CSRF token it is refused with 403', async () => {
    const b = browser();
    await b.get('/pin/forgot');
    assert.equal((await b.post('/pin/forgot', { barcode: '21000002' }, { csrf: null })).status, 403);
  });

  test('only a hash of the token is stored', async () => {
    await requestLink('21000003');
    const mail = await smtp.waitFor((m) => m.to.includes('wei.li@example.edu') && m.subject === 'Reset your myRecord PIN');
    const token = linkIn(mail.text)!.split('/').pop()!;
    const everything = JSON.stringify(prepare(portal.portal.db, 'SELECT * FROM pin_reset_tokens').all());
    assert.ok(!everything.includes(token));
  });
});

describe('following the link', () => {
  test('shows what will happen and a "Reset my PIN" button; confirming returns the patron to the default PIN', async () => {
    // Wong Siu Ling has chosen K7M2P9; her default is AB9876.
    const elsewhere = browser();
    assert.equal((await elsewhere.logIn('21000004', 'K7M2P9')).headers.get('location'), '/myrecord');

    await requestLink('21000004');
    const mail = await smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu') && m.subject === 'Reset your myRecord PIN');
    const path = linkIn(mail.text)!;
    assert.doesNotMatch(mail.text, /K7M2P9|AB9876|AB987654/i, 'no PIN or ID number in the mail');

    const b = browser();
    const page = await b.get(path);
    assert.equal(page.status, 200);
    assert.match(page.text, /returns the PIN of barcode 21000004 to the default: the first 6 letters and digits of your HKID number/);
    assert.match(page.text, />Reset my PIN</);
    assert.equal((await b.get(path)).status, 200, 'looking does not use the link');

    const done = await b.post(path, {});
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/login');
    assert.match((await b.get('/login')).text, /Your PIN has been returned to the default/);

    assert.equal((await elsewhere.get('/myrecord')).headers.get('location'), '/login', 'his sessions ended');
    assert.equal((await browser().logIn('21000004', 'K7M2P9')).status, 401, 'the chosen PIN is gone');
    assert.equal(
      (await browser().logIn('21000004', 'ab9876')).headers.get('location'),
      '/pin/modify',
      'the default works, with the forced change',
    );

    const notice = await smtp.waitFor(
      (m) => m.to.includes('siu-ling.wong@example.edu') && m.subject === 'Your myRecord PIN was returned to the default',
    );
    assert.match(notice.text, /through the link sent to this address/);

    const used = await b.get(path);
    assert.equal(used.status, 410);
    assert.match(used.text, /href="\/pin\/forgot"/);
    assert.equal((await b.post(path, {})).status, 410);
  });

  test('a link more than 60 minutes old answers 410', async () => {
    await requestLink('21000001');
    const mail = await smtp.waitFor((m) => m.to.includes('tai-man.chan@example.edu') && m.subject === 'Reset your myRecord PIN');
    portal.clock.advance(60 * 60_000);
    const page = await browser().get(linkIn(mail.text)!);
    assert.equal(page.status, 410);
    assert.match(page.text, /This link no longer works/);
  });

  test('a link that was never sent answers 410', async () => {
    assert.equal((await browser().get('/pin/reset/not-a-token')).status, 410);
    assert.equal((await browser().get(`/pin/reset/${'A'.repeat(43)}`)).status, 410);
  });
});

describe('a link dies with the PIN it would reset', () => {
  /**
   * A patron of the test's own (default PIN P12345) asks for a link, and a browser opens the
   * mailed link: it works, for now. Returns the link's path and that browser.
   */
  async function openedLink(barcode: string, email: string): Promise<{ path: string; opened: TestBrowser }> {
    assert.ok((await portal.portal.importer.importCsv(`${HEADER}\n${barcode},Link Test Patron,${email},,P1234567,,,\n`)).imported);
    const before = smtp.received.length;
    assert.equal((await requestLink(barcode)).status, 200);
    const mail = await smtp.waitFor(
      (m) => smtp.received.indexOf(m) >= before && m.to.includes(email) && m.subject === 'Reset your myRecord PIN',
    );
    const path = linkIn(mail.text)!;
    const opened = browser();
    assert.equal((await opened.get(path)).status, 200, 'the link works before');
    return { path, opened };
  }

  test('a link mailed before the patron modified his PIN answers 410, and cannot undo the change', async () => {
    const { path, opened } = await openedLink('21000071', 'changes.pin@example.edu');

    const b = browser();
    assert.equal((await b.logIn('21000071', 'P12345')).headers.get('location'), '/pin/modify');
    await b.get('/pin/modify');
    assert.equal((await b.post('/pin/modify', { current_pin: 'P12345', new_pin: 'h5j8k2m4', confirm_pin: 'h5j8k2m4' })).status, 303);

    const gone = await browser().get(path);
    assert.equal(gone.status, 410);
    assert.match(gone.text, /This link no longer works/);
    assert.equal((await opened.post(path, {})).status, 410, '"Reset my PIN" on the page opened before fails too');
    assert.equal((await browser().logIn('21000071', 'h5j8k2m4')).headers.get('location'), '/myrecord', 'the chosen PIN still works');
  });

  test('a link mailed before staff deleted the PIN at the counter answers 410', async () => {
    const { path, opened } = await openedLink('21000072', 'went.to.counter@example.edu');

    const staff = browser();
    await staff.get('/staff/login');
    const [, counterStaff] = DEMO_STAFF;
    assert.equal((await staff.post('/staff/login', { username: counterStaff.username, password: counterStaff.password })).status, 303);
    await staff.get('/staff/patrons/21000072');
    assert.equal((await staff.post('/staff/patrons/21000072/pin/delete', { id_checked: 'yes' })).status, 303);

    assert.equal((await browser().get(path)).status, 410);
    assert.equal((await opened.post(path, {})).status, 410, '"Reset my PIN" on the page opened before fails too');
  });
});

describe('limits on reset requests', () => {
  test('a barcode asked for too often gets 429 with words that do not say which limit applied', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await requestLink('21000098'));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 429],
    );
    assert.ok(Number(answers[3]!.headers.get('retry-after')) > 0);
    assert.match(answers[3]!.text, /Too many reset requests\. Please try again later/);
  });
});

test('changing the PIN mails a notice without the PIN in it', async () => {
  const b = browser();
  await b.logIn('21000003', '110105');
  await b.get('/pin/modify');
  assert.equal((await b.post('/pin/modify', { current_pin: '110105', new_pin: 'w3e8r5t1', confirm_pin: 'w3e8r5t1' })).status, 303);
  const mail = await smtp.waitFor((m) => m.to.includes('wei.li@example.edu') && m.subject === 'Your myRecord PIN was changed');
  assert.match(mail.text, /If you did not change it/);
  assert.doesNotMatch(mail.text, /w3e8r5t1|110105|11010519491231002X/i);
});

test('a client asking for many barcodes gets the same 429 as one barcode asked too often', async () => {
  const strict = await startTestPortal({ RESET_REQUESTS_PER_ADDRESS_HOUR: '3' });
  try {
    const statuses = [];
    let last = '';
    for (const barcode of ['31000001', '31000002', '31000003', '31000004']) {
      const b = new TestBrowser(strict.url);
      await b.get('/pin/forgot');
      const answer = await b.post('/pin/forgot', { barcode });
      statuses.push(answer.status);
      last = answer.text;
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.match(last, /Too many reset requests\. Please try again later/);
  } finally {
    await strict.close();
  }
});
