/**
 * Sections 2 to 4 of `npm run bench`: verified logins against the bcrypt compare limit, refused
 * attempts on a blocked barcode against logins and the cheapest pages, and a logged-in page's p99
 * during a login storm against the same when idle.
 */
import { cookieOf, login, percentile, runFor, tokenOf, type Client } from './http-client.js';
import { barcodeOf, defaultPinOf, type RecordFigure } from './figures.js';

export async function measureLogins(o: {
  client: Client;
  concurrency: number;
  nextPatron: () => number;
  /** A barcode blocked by five wrong PINs, for the refusals. */
  victim: string;
  compareLimit: number;
  record: RecordFigure;
}): Promise<{ readerCookie: string | undefined }> {
  const { client, nextPatron, compareLimit, victim, record } = o;
  const CONCURRENCY = o.concurrency;
  // 2. Verified logins against the bcrypt compare limit.
  await runFor(1000, CONCURRENCY, async () => {
    const i = nextPatron();
    await login(client, barcodeOf(i), defaultPinOf(i));
  });
  const logins = await runFor(8000, CONCURRENCY, async () => {
    const i = nextPatron();
    const status = await login(client, barcodeOf(i), defaultPinOf(i));
    if (status !== 303) throw new Error(`login answered ${status}`);
  });
  record(
    'verified logins/s ÷ bcrypt compare limit',
    logins.perSecond / compareLimit,
    '≥ 0.8',
    logins.perSecond / compareLimit >= 0.8,
    `${logins.perSecond.toFixed(1)} logins/s; ${compareLimit.toFixed(1)} compares/s`,
  );

  // 3. Refused attempts on a blocked barcode: against verified logins, and against the cheapest page.
  const page = await client.request('GET', '/login');
  const attacker = { cookie: cookieOf(page), token: tokenOf(page) };
  for (let i = 0; i < 5; i++)
    await client.request('POST', '/login', { cookie: attacker.cookie, form: { _csrf: attacker.token, barcode: victim, pin: 'WRONG1' } });
  const refused = await runFor(5000, CONCURRENCY, async () => {
    const reply = await client.request('POST', '/login', {
      cookie: attacker.cookie,
      form: { _csrf: attacker.token, barcode: victim, pin: 'WRONG1' },
    });
    if (reply.status !== 429) throw new Error(`a blocked attempt answered ${reply.status}`);
  });
  const pages = await runFor(5000, CONCURRENCY, async () => void (await client.request('GET', '/login')));
  // The cheapest answer the server has: the yardstick for what a refusal and the login page cost.
  const health = await runFor(5000, CONCURRENCY, async () => void (await client.request('GET', '/healthz')));
  record(
    'refused attempts/s ÷ verified logins/s',
    refused.perSecond / logins.perSecond,
    '≥ 25',
    refused.perSecond / logins.perSecond >= 25,
    `${refused.perSecond.toFixed(0)} refusals/s`,
  );
  // Since the login page stopped writing a session row it costs less than a refusal, so the
  // two are each measured against /healthz: neither may cost more than it did before (0.12 and 0.22).
  record(
    'refused attempts/s ÷ GET /login pages/s',
    refused.perSecond / pages.perSecond,
    'reported',
    true,
    `${pages.perSecond.toFixed(0)} pages/s`,
  );
  record(
    'refused attempts/s ÷ GET /healthz/s',
    refused.perSecond / health.perSecond,
    '≥ 0.1',
    refused.perSecond / health.perSecond >= 0.1,
    `${health.perSecond.toFixed(0)} /healthz/s`,
  );
  record(
    'GET /login pages/s ÷ GET /healthz/s',
    pages.perSecond / health.perSecond,
    '≥ 0.2',
    pages.perSecond / health.perSecond >= 0.2,
    `${pages.perSecond.toFixed(0)} pages/s`,
  );

  // 4. A logged-in page's p99 during a login storm, against the same when idle.
  const reader = 0;
  const readerPage = await client.request('GET', '/login');
  const readerLogin = await client.request('POST', '/login', {
    cookie: cookieOf(readerPage),
    form: { _csrf: tokenOf(readerPage), barcode: barcodeOf(reader), pin: defaultPinOf(reader) },
  });
  const readerCookie = cookieOf(readerLogin);
  const readPage = async () => {
    const reply = await client.request('GET', '/pin/modify', { cookie: readerCookie });
    if (reply.status !== 200) throw new Error(`the logged-in page answered ${reply.status}`);
  };
  const idle = await runFor(4000, 1, readPage);
  let storming = true;
  const storm = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (storming) {
        const i = nextPatron();
        await login(client, barcodeOf(i), defaultPinOf(i));
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const busy = await runFor(6000, 1, readPage);
  storming = false;
  await storm;
  const idleP99 = percentile(idle.latencies, 99);
  const busyP99 = percentile(busy.latencies, 99);
  record(
    'logged-in page p99 in a login storm ÷ idle p99',
    busyP99 / idleP99,
    '≤ 5',
    busyP99 / idleP99 <= 5,
    `${busyP99.toFixed(2)} ms vs ${idleP99.toFixed(2)} ms`,
  );
  return { readerCookie };
}
