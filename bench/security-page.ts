/**
 * The admins' security page with 10 million attempt rows: the rows spread over the last
 * 90 days (the default retention) as a busy, attacked portal would hold them, and the summaries of
 * migration 016 as the gate would have kept them (attempt_minutes and attempt_hours: a row per minute and per hour; attempt_top_failures:
 * the 25 keys and 25 addresses of each hour). The page reads only the summaries, so its cost against
 * GET /login, measured in the same moment, should not depend on the 10 million rows.
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { createClient, runFor, tokenOf, type Client } from './http-client.js';
import { jar } from './ill-upload.js';

const ATTEMPTS = 10_000_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'bench-security-password';

/** Fills login_attempts with `count` rows in one statement, and the summaries from them as the gate keeps them. */
function seed(databaseFile: string, count: number): number {
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 10000');
  const started = performance.now();
  const now = Date.now();
  // Every 7th attempt a success, every 11th refused, the rest failures; 200,000 barcodes, 5,000 addresses.
  // In statements of 50,000 rows: the running server's own writes (sessions, housekeeping) wait for
  // the lock at most its busy timeout, and one statement of ten million would hold it for minutes.
  const insert = db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT @first UNION ALL SELECT i + 1 FROM n WHERE i < @last)
     INSERT INTO login_attempts (barcode, at_ms, outcome, client_address, count)
     SELECT printf('3%07d', (i * 7919) % 200000), @start + CAST(i * (90.0 * @day / @count) AS INTEGER),
            CASE WHEN i % 7 = 0 THEN 'success' WHEN i % 11 = 0 THEN 'blocked' ELSE 'failure' END,
            printf('10.%d.%d.%d', i % 20, (i / 20) % 250, (i / 5000) % 250), 1 FROM n`,
  );
  const BATCH = 50_000;
  for (let first = 0; first < count; first += BATCH) {
    insert.run({ first, last: Math.min(count, first + BATCH) - 1, start: now - 90 * DAY_MS, day: DAY_MS, count });
  }
  // The per-minute summary, a day at a time for the same reason.
  const minutes = db.prepare(
    `INSERT INTO attempt_minutes (minute_ms, successes, failures, refused)
     SELECT at_ms - at_ms % 60000, SUM(outcome = 'success'), SUM(outcome = 'failure'), SUM(CASE WHEN outcome = 'blocked' THEN count ELSE 0 END)
     FROM login_attempts WHERE id BETWEEN ? AND ? GROUP BY 1
     ON CONFLICT (minute_ms) DO UPDATE SET successes = successes + excluded.successes, failures = failures + excluded.failures, refused = refused + excluded.refused`,
  );
  const [lowest, highest] = [
    db.prepare('SELECT min(id) FROM login_attempts').pluck().get() as number,
    db.prepare('SELECT max(id) FROM login_attempts').pluck().get() as number,
  ];
  for (let first = lowest; first <= highest; first += BATCH) minutes.run(first, first + BATCH - 1);
  db.prepare(
    `INSERT INTO attempt_hours (hour_ms, successes, failures, refused)
     SELECT minute_ms - minute_ms % 3600000, SUM(successes), SUM(failures), SUM(refused) FROM attempt_minutes GROUP BY 1
     ON CONFLICT (hour_ms) DO UPDATE SET successes = excluded.successes, failures = excluded.failures, refused = excluded.refused`,
  ).run();
  // What Space-Saving leaves: 25 keys and 25 addresses per hour.
  db.prepare(
    `WITH RECURSIVE h(hour) AS (SELECT (? - 90 * ?) - (? - 90 * ?) % 3600000 UNION ALL SELECT hour + 3600000 FROM h WHERE hour < ?),
     k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 24)
     INSERT OR IGNORE INTO attempt_top_failures (hour_ms, kind, value, failures)
     SELECT hour, 'key', printf('3%07d', (hour / 3600000 * 31 + j) % 200000), 30 - j FROM h, k
     UNION ALL SELECT hour, 'address', printf('10.%d.%d.1', j, (hour / 3600000) % 250), 200 - j FROM h, k`,
  ).run(now, DAY_MS, now, DAY_MS, now);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db.prepare('SELECT count(*) FROM login_attempts').pluck().get() as number;
  db.close();
  console.error(
    `  seeded ${rows.toLocaleString('en')} attempt rows and their summaries in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return rows;
}

async function adminIn(client: Client, env: NodeJS.ProcessEnv): Promise<string> {
  const added = spawnSync(
    process.execPath,
    ['dist/cli.js', 'staff', 'add', 'bench-security-admin', '--role', 'admin', '--password-stdin'],
    { env, input: `${PASSWORD}\n`, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`staff add failed: ${added.stderr}`);
  const cookies = jar();
  const page = cookies.take(await client.request('GET', '/staff/login'));
  const loggedIn = cookies.take(
    await client.request('POST', '/staff/login', {
      cookie: cookies.header(),
      form: { _csrf: tokenOf(page), username: 'bench-security-admin', password: PASSWORD },
    }),
  );
  if (loggedIn.status !== 303 || loggedIn.headers.location !== '/staff')
    throw new Error(`the admin login answered ${loggedIn.status} to ${loggedIn.headers.location}`);
  return cookies.header();
}

export async function measureSecurityPage(options: {
  url: string;
  databaseFile: string;
  env: NodeJS.ProcessEnv;
  concurrency: number;
  attempts?: number;
}) {
  // The admin logs in first: the seeding takes minutes, inside the idle time the benchmark sets (SESSION_IDLE_MINUTES).
  const loginClient = createClient(options.url, options.concurrency);
  const cookie = await adminIn(loginClient, options.env);
  loginClient.close();
  const rows = seed(options.databaseFile, options.attempts ?? ATTEMPTS);
  // New connections: the server closes idle kept-alive ones long before the seeding ends, and a request
  // written to one it is closing fails with EPIPE.
  const client = createClient(options.url, options.concurrency);
  for (const period of ['week', 'hour']) {
    const reply = await client.request('GET', `/staff/security?period=${period}`, { cookie });
    if (reply.status !== 200) throw new Error(`GET /staff/security?period=${period} answered ${reply.status}`);
  }
  const login = await runFor(3000, options.concurrency, async () => void (await client.request('GET', '/login')));
  const week = await runFor(
    3000,
    options.concurrency,
    async () => void (await client.request('GET', '/staff/security?period=week', { cookie })),
  );
  const hour = await runFor(
    3000,
    options.concurrency,
    async () => void (await client.request('GET', '/staff/security?period=hour', { cookie })),
  );
  client.close();
  return { rows, loginPerSecond: login.perSecond, weekPerSecond: week.perSecond, hourPerSecond: hour.perSecond };
}
