/**
 * The pages of staff two-step sign-in, in each language, throughout (see
 * language-pages-visitor.int.test.ts): enrolment with its QR code, a wrong code, the recovery codes
 * shown once, the second step of a login with its errors, a block, a recovery code's notice, the
 * step run out, and an admin's reset on the accounts page. The secret and the codes are data, the
 * same in both languages: they are passed as what the page shows back.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { LOCALES } from '../../domain/shared/locale.js';
import { DEMO_STAFF } from '../../demo/demo-staff.js';
import { startLanguageTour, type LanguageTour } from '../../test-support/language-tour.js';

const admin = DEMO_STAFF.find((m) => m.username === 'admin')!;

for (const locale of LOCALES) {
  describe(`two-step sign-in, in ${locale}`, () => {
    let tour: LanguageTour;
    before(async () => {
      tour = await startLanguageTour(locale, { ADDRESS_MAX_FAILURES: '0', ATTACK_ALERT_FAILURES: '5' });
    });
    after(() => tour.close());
    afterEach(() => tour.expectEveryPageInLanguage());

    test('enrol, see the codes once, log in with a code and a recovery code, be blocked, run out of time, be reset', async () => {
      const b = await tour.staff('admin');
      const enrol = await b.get('/staff/2fa');
      const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(enrol.text)![1]!;
      const groups = secret.split(' ');
      tour.expectPage(enrol, 'GET /staff/2fa', 200, groups);
      const code = (at: number) =>
        new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/ /g, '')) }).generate({ timestamp: at });
      tour.expectPage(await b.post('/staff/2fa', { code: '12' }), 'POST /staff/2fa, not a code', 422, groups);
      const wrong = code(tour.portal.clock.now()) === '000000' ? '111111' : '000000';
      tour.expectPage(await b.post('/staff/2fa', { code: wrong }), 'POST /staff/2fa, a wrong code', 422, groups);
      const codesPage = await tour.follow(b, await b.post('/staff/2fa', { code: code(tour.portal.clock.now()) }));
      const codes = [...codesPage.text.matchAll(/<code>([0-9A-Z]{5})-([0-9A-Z]{5})<\/code>/g)].flatMap((m) => [m[1]!, m[2]!]);
      assert.equal(codes.length, 20);
      tour.expectPage(codesPage, 'GET /staff/2fa/recovery-codes', 200, codes);
      tour.expectPage(await b.get('/staff/2fa/recovery-codes'), 'GET /staff/2fa/recovery-codes again');
      tour.expectPage(await b.get('/staff/2fa'), 'GET /staff/2fa, on');
      tour.portal.clock.advance(30_000);

      const login = async () => {
        const v = await tour.chooser();
        await v.get('/staff/login');
        return { v, step: await v.post('/staff/login', { username: admin.username, password: admin.password }) };
      };
      const first = await login();
      tour.expectPage(await tour.follow(first.v, first.step), 'GET /staff/login/2fa');
      tour.expectPage(await first.v.post('/staff/login/2fa', { code: '', recovery_code: '' }), 'POST /staff/login/2fa, nothing typed', 422);
      tour.expectPage(
        await first.v.post('/staff/login/2fa', { code: wrong, recovery_code: '' }),
        'POST /staff/login/2fa, a wrong code',
        401,
      );
      tour.expectPage(
        await tour.follow(first.v, await first.v.post('/staff/login/2fa', { code: '', recovery_code: `${codes[0]}-${codes[1]}` })),
        'GET /staff after a recovery code',
      );

      const second = await login();
      await second.v.get('/staff/login/2fa');
      for (let i = 0; i < 4; i++) await second.v.post('/staff/login/2fa', { code: String(200000 + i), recovery_code: '' });
      tour.expectPage(
        await second.v.post('/staff/login/2fa', { code: '123456', recovery_code: '' }),
        'POST /staff/login/2fa, blocked',
        429,
      );
      tour.portal.clock.advance(61_000);

      const third = await login();
      tour.portal.clock.advance(6 * 60_000);
      const late = await third.v.get('/staff/login/2fa');
      tour.expectPage(await tour.follow(third.v, late), 'GET /staff/login after the second step ran out');

      tour.expectPage(await b.get('/staff/accounts'), 'GET /staff/accounts with two-step sign-in on');
      tour.expectPage(await tour.follow(b, await b.post('/staff/accounts/admin/2fa/reset', {})), 'GET /staff/accounts after a reset');
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/accounts/counter/2fa/reset', {})),
        'GET /staff/accounts after a reset of nothing',
      );
      tour.expectPage(await b.get('/staff/audit'), 'GET /staff/audit with two-step sign-in entries');
    });

    test('the security page in each period, during failures; an alert address saved and refused', async () => {
      const stranger = tour.visitor();
      await stranger.get('/login');
      for (let i = 0; i < 6; i++) await stranger.post('/login', { barcode: '21000003', pin: 'WRONG1' });
      await stranger.get('/staff/login');
      await stranger.post('/staff/login', { username: 'counter', password: 'not-the-password' });
      const b = await tour.staff('admin');
      for (const period of ['hour', 'day', 'week'])
        tour.expectPage(await b.get(`/staff/security?period=${period}`), `GET /staff/security?period=${period}`, 200, ['127.0.0.1']);
      tour.expectPage(await b.get('/staff/security?period=nonsense'), 'GET /staff/security?period=nonsense');
      await b.get('/staff/accounts');
      tour.expectPage(await b.post('/staff/accounts/admin/email', { email: 'nonsense' }), 'POST an alert address that is none', 422, [
        'nonsense',
      ]);
      tour.expectPage(
        await tour.follow(b, await b.post('/staff/accounts/admin/email', { email: 'it@example.edu.hk' })),
        'GET /staff/accounts after saving an alert address',
      );
      tour.portal.clock.advance(60_000);
      for (let i = 0; i < 5; i++) await stranger.post('/login', { barcode: `2100010${i}`, pin: 'WRONG1' });
      assert.equal(tour.portal.portal.attackAlert.check(), 'opened');
      tour.expectMail(await tour.smtp.waitFor((m) => m.to.includes('it@example.edu.hk')), 'the attack alert');
    });
  });
}
