/**
 * Every page of the staff console, in each language, throughout (see language-pages-visitor.int.test.ts):
 * counter staff (find a patron, the patron's page and its forms, register, check out and in) and
 * an administrator (audit log, staff accounts), with each form's errors and notices, a block and
 * a stop after too many failures, the pages refused, and the hold-shelf mail a check-in sends.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../domain/shared/locale.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';
import { TestBrowser } from '../../test-support/test-portal.js';
import { prepare } from '../../test-support/raw-sql.js';

/** Five failures in a minute block a key for a minute; the sixth in a row stops it (the hard limit). */
const HARD_LOCK_FAILURES = 6;

for (const locale of LOCALES) {
  describe(`the staff console, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      // Every browser here comes from 127.0.0.1: the per-address limit would stop the tour.
      tour = await startLanguageTour(locale, { HARD_LOCK_FAILURES: String(HARD_LOCK_FAILURES), ADDRESS_MAX_FAILURES: '0' });
      // Wong Siu Ling's record takes the tour's language, so that her mail is written in it.
      await tour.patron('21000004', 'K7M2P9');
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    const db = () => tour.portal.portal.db;
    const itemOf = (title: string) =>
      prepare(db(), 'SELECT c.item_barcode FROM copies c JOIN records r ON r.id = c.record_id WHERE r.title = ? ORDER BY c.id LIMIT 1')
        .pluck()
        .get(title) as string;
    const availableItem = () =>
      prepare(db(), "SELECT item_barcode FROM copies WHERE status = 'available' ORDER BY id LIMIT 1").pluck().get() as string;

    /** A stranger's wrong secrets on a login form, five a minute (the sixth waits out the block). */
    async function strangerFails(path: string, fields: Record<string, string>, times: number) {
      const stranger = new TestBrowser(tour.portal.url);
      await stranger.get(path);
      for (let i = 1; i <= times; i++) {
        if (i % 5 === 1 && i > 1) tour.portal.clock.advance(61_000);
        assert.equal((await stranger.post(path, fields)).status, 401, `failure ${i}`);
      }
    }

    test('counter staff find a patron: the search, its results, none found; the patron page; a barcode nobody has', async () => {
      const b = await tour.staff('circulation');
      tour.expectPage(await b.get('/staff'), 'GET /staff');
      tour.expectPage(await b.get('/staff?q=wong'), 'GET /staff?q=wong', 200, ['wong']);
      tour.expectPage(await b.get('/staff?q=zzyzx'), 'GET /staff?q=zzyzx, nobody', 200, ['zzyzx']);
      tour.expectPage(await b.get('/staff/patrons/21000004'), 'GET /staff/patrons/:barcode');
      tour.expectPage(await b.get('/staff/patrons/99999999'), 'GET /staff/patrons/:barcode, nobody', 404);
    });

    test('the patron page: Delete PIN refused and done, a block and a stop shown and lifted, payments refused and recorded', async () => {
      const b = await tour.staff('circulation');
      const page = '/staff/patrons/21000002';
      await b.get(page);
      tour.expectPage(await b.post(`${page}/pin/delete`, {}), 'POST Delete PIN, ID card not checked', 422);
      tour.expectPage(await tour.follow(b, await b.post(`${page}/pin/delete`, { id_checked: 'yes' })), 'the patron page after Delete PIN');

      await strangerFails('/login', { barcode: '21000003', pin: 'WRONG1' }, 5);
      tour.expectPage(await b.get('/staff/patrons/21000003'), 'the patron page of a blocked barcode');
      tour.portal.clock.advance(61_000);
      await strangerFails('/login', { barcode: '21000003', pin: 'WRONG1' }, HARD_LOCK_FAILURES - 5);
      tour.expectPage(await b.get('/staff/patrons/21000003'), 'the patron page of a stopped barcode');
      tour.expectPage(await tour.visitor().logIn('21000003', '110105'), 'POST /login, the barcode stopped', 429);
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/patrons/21000003/block/lift', {})),
        'the patron page after lifting the block',
      );

      const wong = '/staff/patrons/21000004';
      await b.get(wong);
      tour.expectPage(await b.post(`${wong}/payment`, { amount: 'twelve' }), 'a payment that is not an amount, with no method', 422);
      tour.expectPage(await b.post(`${wong}/payment`, { amount: '999', method: 'cash' }), 'a payment of more than owed', 422);
      tour.expectPage(
        await tour.follow(b, await b.post(`${wong}/payment`, { amount: '2.50', method: 'octopus' })),
        'the receipt after a payment',
      );
    });

    test('Register a patron: the form, its errors, a barcode taken, a wrong HKID check digit, and done', async () => {
      const b = await tour.staff('circulation');
      tour.expectPage(await b.get('/staff/register'), 'GET /staff/register');
      const patron = {
        barcode: '',
        name: '',
        email: 'not-an-address',
        hkid: '',
        passport: '',
        mainland_id: '',
        patron_type: 'undergraduate',
        expiry_date: '31/12/2030',
      };
      tour.expectPage(await b.post('/staff/register', patron), 'POST /staff/register, its fields wrong', 422);
      tour.expectPage(
        await b.post('/staff/register', {
          ...patron,
          barcode: '21000004',
          name: 'Ho Ka Man',
          email: '',
          passport: 'K1234567',
          patron_type: 'alumni',
          expiry_date: '2030-08-31',
        }),
        'POST /staff/register, a barcode taken',
        422,
      );
      const registered = await b.post('/staff/register', {
        ...patron,
        barcode: '22000001',
        name: 'Ho Ka Man',
        email: '',
        hkid: 'A123456(7)',
        patron_type: 'alumni',
        expiry_date: '2030-08-31',
      });
      tour.expectPage(await tour.follow(b, registered), 'the new patron page, with the HKID warning');
      const plain = await b.post('/staff/register', {
        ...patron,
        barcode: '22000002',
        name: 'Lau Wing Kei',
        email: '',
        passport: 'K7654321',
        patron_type: 'undergraduate',
        expiry_date: '2031-08-31',
      });
      tour.expectPage(await tour.follow(b, plain), 'the new patron page');
    });

    test('Check out and check in: the forms, a loan, an item nobody has, a return to the hold shelf with its mail, a late return with its fine, the check-out panel and the list of check-ins', async () => {
      const b = await tour.staff('circulation');
      tour.expectPage(await b.get('/staff/circulation'), 'GET /staff/circulation');
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/checkout', { patron_barcode: '21000001', item_barcode: availableItem() })),
        'the counter after a check-out',
      );
      tour.expectPage(
        await b.post('/staff/checkout', { patron_barcode: '21000001', item_barcode: 'NOSUCHITEM' }),
        'POST /staff/checkout, no such item',
        422,
        ['NOSUCHITEM'],
      );
      tour.expectPage(await b.post('/staff/checkout', { patron_barcode: '', item_barcode: '' }), 'POST /staff/checkout, empty', 422);
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/checkin', { item_barcode: itemOf('Crime and Punishment') })),
        'the counter after a check-in, requested: to the hold shelf',
      );
      tour.expectMail(await tour.smtp.waitFor((m) => m.to.includes('siu-ling.wong@example.edu')), 'the hold-shelf mail');
      tour.expectPage(await b.get('/staff/patrons/21000004'), 'the patron page with a request ready for pickup');
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/checkin', { item_barcode: itemOf('Kidnapped') })),
        'the counter after a late check-in: a fine',
      );
      tour.expectPage(await b.post('/staff/checkin', { item_barcode: itemOf('Kidnapped') }), 'POST /staff/checkin, not on loan', 422);
      tour.expectPage(
        await b.get('/staff/circulation?patron=21000004'),
        'the counter serving a patron with a fine and an overdue item, above the list of check-ins',
      );
      tour.expectPage(await tour.follow(b, await b.post('/staff/checkins/clear', {})), 'the counter after "Clear the list"');
    });

    test("pages refused to counter staff: an administrator's page, and a form without its token", async () => {
      const b = await tour.staff('circulation');
      tour.expectPage(await b.get('/staff/audit'), 'GET /staff/audit as counter staff', 403);
      tour.expectPage(await b.post('/staff/checkin', { item_barcode: '1' }, { csrf: null }), 'POST /staff/checkin, no CSRF token', 403);
    });

    test('an administrator: the audit log, filtered too; staff accounts, added, refused, stopped, disabled, enabled, a new password', async () => {
      const b = await tour.staff('admin');
      tour.expectPage(await b.get('/staff/audit'), 'GET /staff/audit');
      tour.expectPage(await b.get('/staff/audit?patron=21000004'), 'GET /staff/audit?patron=21000004');
      tour.expectPage(await b.get('/staff/audit?staff=nobody'), 'GET /staff/audit?staff=nobody, no entries');
      tour.expectPage(await b.get('/staff/patrons/21000003'), 'GET /staff/patrons/:barcode as an administrator');

      tour.expectPage(await b.get('/staff/accounts'), 'GET /staff/accounts');
      tour.expectPage(
        await b.post('/staff/accounts', { username: 'x', roles: 'boss', password: 'short' }),
        'POST /staff/accounts, every field wrong',
        422,
      );
      tour.expectPage(
        await b.post('/staff/accounts', { username: 'counter', roles: 'circulation', password: 'a-long-enough-password' }),
        'POST /staff/accounts, username taken',
        422,
      );
      const added = await b.post('/staff/accounts', { username: 'ho.kaman', roles: 'circulation', password: 'a-long-enough-password' });
      tour.expectPage(await tour.follow(b, added), 'GET /staff/accounts after adding one');

      await strangerFails('/staff/login', { username: 'ho.kaman', password: 'not-the-password' }, HARD_LOCK_FAILURES);
      const stopped = tour.visitor();
      await stopped.get('/staff/login');
      tour.expectPage(
        await stopped.post('/staff/login', { username: 'ho.kaman', password: 'a-long-enough-password' }),
        'POST /staff/login, the account stopped',
        429,
      );
      tour.expectPage(await b.get('/staff/accounts'), 'GET /staff/accounts with an account stopped');
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/accounts/ho.kaman/suspension/lift', {})),
        'GET /staff/accounts after letting it log in again',
      );

      tour.expectPage(
        await tour.follow(b, await b.post('/staff/accounts/ho.kaman/disable', {})),
        'GET /staff/accounts after disabling one',
      );
      tour.expectPage(await tour.follow(b, await b.post('/staff/accounts/ho.kaman/enable', {})), 'GET /staff/accounts after enabling it');
      tour.expectPage(await b.post('/staff/accounts/ho.kaman/password', { password: 'short' }), 'POST a new password, too short', 422);
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/accounts/ho.kaman/password', { password: 'another-long-password' })),
        'GET /staff/accounts after a new password',
      );
      tour.expectPage(await b.post('/staff/accounts/admin/disable', {}), "POST disable one's own account", 422);
      tour.expectPage(await b.post('/staff/accounts/nobody/disable', {}), 'POST disable an account nobody has', 404, ['nobody']);
    });
  });
}
