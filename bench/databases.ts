/**
 * SQLite and PostgreSQL side by side, in one run: the same small library of patrons on
 * one app server with its SQLite file, on one app server with PostgreSQL, and on two app servers
 * sharing that PostgreSQL. For each: verified logins/s against the machine's bcrypt compare limit,
 * refused attempts/s against those logins, and a logged-in page's p99 during a login storm against
 * the same page idle. PostgreSQL is a throwaway cluster in a temporary folder, durable as the
 * SQLite file is (see scripts/postgres-for-tests.mjs); skipped, and said so, where none can start.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../scripts/postgres-for-tests.mjs';
import { startBenchServer, type BenchServer } from './bench-server.js';
import { cookieOf, createClient, login, percentile, runFor, tokenOf } from './http-client.js';

/** Patrons enough that the logins of a few seconds do not repeat one often; imported once, at the bcrypt cost of the run. */
const PATRONS = 300;

export interface DatabaseFigures {
  setup: string;
  loginsPerSecond: number;
  refusalsPerSecond: number;
  idleP99: number;
  stormP99: number;
}

export type SideBySide = { skipped: string } | { skipped?: undefined; figures: DatabaseFigures[] };

const barcodeOf = (i: number) => `7${String(i).padStart(7, '0')}`;
const pinOf = (i: number) => `Q${String(i).padStart(5, '0')}`;

/** The three figures on app servers already running on one database; `victim` is a barcode this setup blocks. */
async function measure(setup: string, urls: string[], victim: number, concurrency: number): Promise<DatabaseFigures> {
  const clients = urls.map((url) => createClient(url, 32));
  let next = 0;
  let turn = 0;
  const anyClient = () => clients[turn++ % clients.length]!;
  const nextPatron = () => next++ % (PATRONS - 10);
  const loginOnce = async () => {
    const i = nextPatron();
    const status = await login(anyClient(), barcodeOf(i), pinOf(i));
    if (status !== 303) throw new Error(`${setup}: a login answered ${status}`);
  };
  await runFor(1000, concurrency, loginOnce);
  const logins = await runFor(5000, concurrency, loginOnce);

  // Refusals of a blocked barcode, spread over the servers: each keeps its own session and token.
  const attackers = await Promise.all(
    clients.map(async (client) => {
      const page = await client.request('GET', '/login');
      return { client, cookie: cookieOf(page), token: tokenOf(page) };
    }),
  );
  const attempt = (a: (typeof attackers)[number]) =>
    a.client.request('POST', '/login', { cookie: a.cookie, form: { _csrf: a.token, barcode: barcodeOf(victim), pin: 'WRONG1' } });
  for (let i = 0; i < 5; i++) await attempt(attackers[0]!);
  let k = 0;
  const refused = await runFor(3000, concurrency, async () => {
    const reply = await attempt(attackers[k++ % attackers.length]!);
    if (reply.status !== 429) throw new Error(`${setup}: a blocked attempt answered ${reply.status}`);
  });

  // A reader's page on the first server, idle and then while every server takes a storm of logins.
  const reader = PATRONS - 1;
  const readerPage = await clients[0]!.request('GET', '/login');
  const readerLogin = await clients[0]!.request('POST', '/login', {
    cookie: cookieOf(readerPage),
    form: { _csrf: tokenOf(readerPage), barcode: barcodeOf(reader), pin: pinOf(reader) },
  });
  const cookie = cookieOf(readerLogin);
  const readPage = async () => {
    const reply = await clients[0]!.request('GET', '/pin/modify', { cookie });
    if (reply.status !== 200) throw new Error(`${setup}: the logged-in page answered ${reply.status}`);
  };
  const idle = await runFor(3000, 1, readPage);
  let storming = true;
  const storm = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (storming) await loginOnce();
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const busy = await runFor(4000, 1, readPage);
  storming = false;
  await storm;
  for (const client of clients) client.close();
  return {
    setup,
    loginsPerSecond: logins.perSecond,
    refusalsPerSecond: refused.perSecond,
    idleP99: percentile(idle.latencies, 99),
    stormP99: percentile(busy.latencies, 99),
  };
}

export async function measureDatabases(options: { dir: string; env: NodeJS.ProcessEnv; concurrency: number }): Promise<SideBySide> {
  const postgres = startPostgres({ durable: true });
  if (postgres.skipped !== undefined) return { skipped: postgres.skipped };
  try {
    const { DATABASE_URL: _unused, ...withoutUrl } = options.env;
    const sqliteEnv: NodeJS.ProcessEnv = { ...withoutUrl, DATABASE_FILE: join(options.dir, 'side-by-side.sqlite') };
    const postgresEnv = { ...options.env, DATABASE_URL: postgres.url };
    // The same patrons on both: imported into the SQLite file, then copied by `myrecord export-to`.
    const csv = join(options.dir, 'side-by-side.csv');
    writeFileSync(
      csv,
      [
        'barcode,name,email,hkid,passport,mainland_id,patron_type,expiry_date',
        ...Array.from({ length: PATRONS }, (_, i) => `${barcodeOf(i)},Side Patron ${i},,,${pinOf(i)}000,,,`),
      ].join('\n'),
    );
    for (const args of [
      ['patrons', 'import', csv],
      ['export-to', postgres.url],
    ]) {
      const done = spawnSync(process.execPath, ['dist/cli.js', ...args], { env: sqliteEnv, encoding: 'utf8' });
      if (done.status !== 0) throw new Error(`myrecord ${args[0]} failed: ${done.stderr}`);
    }

    const figures: DatabaseFigures[] = [];
    const run = async (setup: string, env: NodeJS.ProcessEnv, servers: number, victim: number) => {
      const started: BenchServer[] = [];
      for (let i = 0; i < servers; i++) started.push(await startBenchServer(env));
      try {
        figures.push(
          await measure(
            setup,
            started.map((s) => s.url),
            victim,
            options.concurrency,
          ),
        );
      } finally {
        for (const server of started) await server.stop();
      }
    };
    await run('SQLite, one app server', sqliteEnv, 1, PATRONS - 2);
    await run('PostgreSQL, one app server', postgresEnv, 1, PATRONS - 3);
    await run('PostgreSQL, two app servers', postgresEnv, 2, PATRONS - 4);
    return { figures };
  } finally {
    postgres.stop();
  }
}
