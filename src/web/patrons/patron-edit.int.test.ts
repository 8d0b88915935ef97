/**
 * "Edit patron" at the counter, over HTTP: the form shows what is on record and never an ID number;
 * what staff save is audited by what changed, not its value; a corrected ID number changes the
 * default PIN (and ends the sessions) of a patron still on it, and keeps a PIN the patron chose.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser, type TestPortal } from '../../test-support/test-portal.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { asShown as shown } from '../../test-support/escaped-html.js';
import { staffSignedIn } from '../../test-support/staff-browser.js';
import { t } from '../../messages/index.js';
import { prepare } from '../../test-support/raw-sql.js';
import { counterRegistration as register } from '../../test-support/counter-registration.js';

let portal: TestPortal;
before(async () => {
  portal = await startTestPortal();
});
after(() => portal.close());

const [admin, counterStaff] = DEMO_STAFF;
const staffBrowser = (member: { username: string; password: string } = counterStaff) => staffSignedIn(portal, member);

const rowOf = (barcode: string) =>
  prepare(portal.portal.db, 'SELECT * FROM patrons WHERE barcode = ?').get(barcode) as Record<string, unknown>;

describe('Edit patron', () => {
  test('the form shows the details on record, never an ID number, and says what a corrected number does to the PIN', async () => {
    const b = await staffBrowser();
    const patronPage = await b.get('/staff/patrons/21000002');
    assert.match(patronPage.text, /href="\/staff\/patrons\/21000002\/edit">Edit patron</);
    const form = await b.get('/staff/patrons/21000002/edit');
    assert.equal(form.status, 200);
    assert.match(form.text, /<h1>Edit Maria Santos \(21000002\)<\/h1>/);
    assert.match(form.text, /id="name" name="name" type="text" value="Maria Santos"/);
    assert.match(form.text, /id="email" name="email" type="email" value="maria\.santos@example\.edu"/);
    assert.match(form.text, /<option value="postgraduate" selected>/);
    assert.match(form.text, /id="expiry_date" name="expiry_date" type="text" value="2030-08-31"/);
    assert.match(form.text, /id="passport" name="passport" type="text" value=""/);
    assert.ok(form.text.includes(shown(t('staff.edit.pinEffect', { pin: 'default' }))), 'what a corrected number does');
    assert.equal((await b.get('/staff/patrons/NOSUCH9/edit')).status, 404);
  });

  test('name, e-mail, type and expiry are saved; 303 back to the patron with a notice; audited with what changed and no value', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000002/edit');
    const saved = await b.post('/staff/patrons/21000002/edit', {
      name: 'Maria Santos Lopes',
      email: 'maria.lopes@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-12-31',
      hkid: '',
      passport: '',
      mainland_id: '',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/staff/patrons/21000002');
    const page = await b.get('/staff/patrons/21000002');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'other', name: 'Maria Santos Lopes', document: 'passport' }))),
      'the notice after saving',
    );
    assert.match(page.text, /<dt>Patron type<\/dt><dd>Staff<\/dd>/);
    assert.match(page.text, /31 December 2031/);
    assert.equal((await new TestBrowser(portal.url).logIn('21000002', 'XY1234')).status, 303, 'the PIN did not change');

    const audit = await (await staffBrowser(admin)).get('/staff/audit?patron=21000002');
    assert.ok(
      audit.text.includes(shown(t('audit.action.patron.edited', { detail: 'name, e-mail address, patron type and expiry date' }))),
      'the audit entry lists what changed',
    );
    assert.ok(/<td[^>]*>counter<\/td>/.test(audit.text), 'who did it');

    const again = await b.post('/staff/patrons/21000002/edit', {
      name: 'Maria Santos Lopes',
      email: 'maria.lopes@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-12-31',
    });
    assert.equal(again.status, 303);
    assert.ok(
      (await b.get('/staff/patrons/21000002')).text.includes(
        shown(t('staff.edit.saved', { change: 'none', name: 'Maria Santos Lopes', document: 'passport' })),
      ),
      'nothing changed',
    );
  });

  test('bad details are refused with 422 in words for staff, and nothing changes', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000001/edit');
    const before = rowOf('21000001');
    const answer = await b.post('/staff/patrons/21000001/edit', {
      name: '',
      email: 'not-an-address',
      patron_type: 'wizard',
      expiry_date: '31/12/2030',
      hkid: 'nonsense',
    });
    assert.equal(answer.status, 422);
    for (const key of ['NAME_MISSING', 'EMAIL_MALFORMED', 'PATRON_TYPE_UNKNOWN', 'EXPIRY_MALFORMED', 'HKID_MALFORMED'] as const) {
      assert.ok(answer.text.includes(shown(t(`staff.register.problem.${key}`))), key);
    }
    assert.doesNotMatch(answer.text, /nonsense/);
    assert.deepEqual(rowOf('21000001'), before);
  });

  test('correcting the ID number of a patron on the default PIN changes the PIN he logs in with and ends his sessions; the number is never stored or audited', async () => {
    const patron = new TestBrowser(portal.url);
    assert.equal((await patron.logIn('21000003', '110105')).headers.get('location'), '/pin/modify');
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000003/edit');
    const saved = await b.post('/staff/patrons/21000003/edit', {
      name: 'Li Wei',
      email: 'wei.li@example.edu',
      patron_type: 'postgraduate',
      expiry_date: '2030-08-31',
      hkid: 'C668668(9)',
    });
    assert.equal(saved.status, 303);
    const page = await b.get('/staff/patrons/21000003');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'default', name: 'Li Wei', document: 'hkid' }))),
      'the notice names the new default PIN',
    );
    assert.ok(page.text.includes(`<dt>${t('staff.patron.document')}</dt><dd>${t('document.hkid')}</dd>`), 'the document of the new number');

    assert.equal((await patron.get('/pin/modify')).headers.get('location'), '/login?next=%2Fpin%2Fmodify', 'the session ended');
    assert.equal(
      (await new TestBrowser(portal.url).logIn('21000003', '110105')).status,
      401,
      'the old default no longer opens the account',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('21000003', 'C66866')).headers.get('location'), '/pin/modify');
    assert.ok(!JSON.stringify(prepare(portal.portal.db, 'SELECT * FROM patrons').all()).includes('C668668'), 'no ID number stored');
    const entries = portal.portal.audit.search({ patronBarcode: '21000003', limit: 5 });
    assert.equal(entries[0]?.action, 'patron.edited');
    assert.equal(entries[0]?.detail, 'id_number');
    assert.ok(!JSON.stringify(entries).includes('C668668'), 'no ID number in the audit log');
  });

  test('correcting the ID number of a patron who chose a PIN keeps that PIN; only the default behind it changes', async () => {
    const b = await staffBrowser();
    await b.get('/staff/patrons/21000004/edit');
    const saved = await b.post('/staff/patrons/21000004/edit', {
      name: 'Wong Siu Ling',
      email: 'siu-ling.wong@example.edu',
      patron_type: 'staff',
      expiry_date: '2031-06-30',
      passport: 'K1234567',
    });
    assert.equal(saved.status, 303);
    // A passport alone: the HKID on record is replaced by it, as if registered with the passport.
    const page = await b.get('/staff/patrons/21000004');
    assert.ok(
      page.text.includes(shown(t('staff.edit.saved', { change: 'chosen', name: 'Wong Siu Ling', document: 'passport' }))),
      'the notice says her PIN stays',
    );
    assert.match(page.text, /Chosen by the patron/);
    assert.equal((await new TestBrowser(portal.url).logIn('21000004', 'K7M2P9')).status, 303, 'the PIN she chose still works');
    assert.equal(
      (await new TestBrowser(portal.url).logIn('21000004', 'K12345')).status,
      401,
      'the new default applies only if her PIN is deleted',
    );
    const edited = portal.portal.patrons.findByBarcode('21000004')!;
    assert.equal(edited.idDocument, 'passport');
    assert.notEqual(edited.chosenPinHash, null);
  });

  test('a corrected HKID with a wrong check digit is saved, with a warning', async () => {
    const b = await staffBrowser();
    // Registered at the counter with a wrong check digit, as in patron-registration.int.test.ts.
    assert.equal((await register(b, { barcode: '22000102', name: 'Ho Ka Yan', hkid: 'Z123456(7)' })).status, 303);
    await b.get('/staff/patrons/22000102/edit');
    const saved = await b.post('/staff/patrons/22000102/edit', { name: 'Ho Ka Yan', patron_type: 'undergraduate', hkid: 'A123456(4)' });
    assert.equal(saved.status, 303);
    const page = await b.get('/staff/patrons/22000102');
    assert.ok(
      page.text.includes(
        `<p class="notice notice--warning" role="status">${shown(t('staff.edit.savedHkidWarning', { change: 'default' }))}</p>`,
      ),
      'the warning after the edit',
    );
    assert.equal((await new TestBrowser(portal.url).logIn('22000102', 'A12345')).headers.get('location'), '/pin/modify');
  });
});
