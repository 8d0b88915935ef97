/**
 * The pages of the services behind the PIN that staff work on (Book Recommendation, Interlibrary
 * Loan Request), each measured as pages per second against GET /login in the same run: a
 * patron's list and form, and the staff queues, with a few requests of each kind in them.
 */
import { spawnSync } from 'node:child_process';
import { addDays, libraryDateOf } from '../src/domain/shared/library-date.js';
import { tokenOf, runFor, type Client, type Reply } from './http-client.js';

/** A browser's cookie jar in miniature: the cookies of every answer so far, newest winning. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    take(reply: Reply): Reply {
      for (const line of reply.headers['set-cookie'] ?? []) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return reply;
    },
    get header() {
      return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    },
  };
}

export type Session = {
  cookies: ReturnType<typeof jar>;
  get(path: string): Promise<Reply>;
  post(path: string, form: Record<string, string>, from?: string): Promise<Reply>;
};

export function session(client: Client): Session {
  const cookies = jar();
  let token = '';
  const self: Session = {
    cookies,
    async get(path) {
      const reply = cookies.take(await client.request('GET', path, { cookie: cookies.header }));
      if (/name="_csrf"/.test(reply.body)) token = tokenOf(reply);
      return reply;
    },
    async post(path, form, from) {
      if (from) await self.get(from);
      return cookies.take(await client.request('POST', path, { cookie: cookies.header, form: { _csrf: token, ...form } }));
    },
  };
  return self;
}

export function expectStatus(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what} answered ${reply.status}, not ${status}`);
}

export interface ServicePagesSetup {
  client: Client;
  /** Runs the myrecord CLI with the bench's environment and the given standard input. */
  env: NodeJS.ProcessEnv;
  patron: { barcode: string; pin: string };
  concurrency: number;
}

/** Logs in a patron (choosing a PIN), fills the services with a few requests, and measures each page. */
export async function measureServicePages(setup: ServicePagesSetup): Promise<Array<{ page: string; perSecond: number }>> {
  const { client, concurrency } = setup;
  const added = spawnSync(
    process.execPath,
    ['dist/cli.js', 'staff', 'add', 'bench.staff', '--role', 'acquisitions,ill', '--password-stdin'],
    {
      env: setup.env,
      input: 'bench staff password\n',
      encoding: 'utf8',
    },
  );
  if (added.status !== 0) throw new Error(`staff add failed: ${added.stderr}`);

  const patron = session(client);
  await patron.get('/login');
  expectStatus(await patron.post('/login', { barcode: setup.patron.barcode, pin: setup.patron.pin }), 303, 'the patron login');
  expectStatus(
    await patron.post('/pin/modify', { current_pin: setup.patron.pin, new_pin: 'BQ7W3E9R', confirm_pin: 'BQ7W3E9R' }, '/pin/modify'),
    303,
    'choosing a PIN',
  );
  for (let i = 0; i < 3; i++) {
    const form = {
      title: `Benchmark Studies, Volume ${i + 1}`,
      author: 'Bench, A.',
      isbn: '',
      publisher: '',
      year: '',
      format: 'print',
      reason: 'general',
      note: '',
      pickup: '',
    };
    expectStatus(await patron.post('/myrecord/recommendations/new', form, '/myrecord/recommendations/new'), 303, 'a recommendation');
  }
  const notNeededAfter = addDays(libraryDateOf(Date.now()), 60);
  for (let i = 0; i < 3; i++) {
    const form = {
      source_title: 'Journal of Benchmarks',
      article_title: `On measuring, part ${i + 1}`,
      author: 'Bench, A.',
      volume: '12',
      issue: String(i + 1),
      year: '2024',
      pages: '1-20',
      issn_doi: '',
      not_needed_after: notNeededAfter,
      note: '',
      copyright_declaration: 'yes',
    };
    expectStatus(
      await patron.post('/myrecord/ill/new?kind=article', form, '/myrecord/ill/new?kind=article'),
      303,
      'an interlibrary loan request',
    );
  }

  const staff = session(client);
  await staff.get('/staff/login');
  expectStatus(await staff.post('/staff/login', { username: 'bench.staff', password: 'bench staff password' }), 303, 'the staff login');

  const pages: Array<[Session, string]> = [
    [patron, '/myrecord'],
    [patron, '/myrecord/recommendations'],
    [patron, '/myrecord/recommendations/new'],
    [patron, '/myrecord/ill'],
    [patron, '/myrecord/ill/new?kind=article'],
    [staff, '/staff/recommendations'],
    [staff, '/staff/ill'],
  ];
  const measured = [];
  for (const [who, path] of pages) {
    const cookie = who.cookies.header;
    const run = await runFor(3000, concurrency, async () => {
      const reply = await client.request('GET', path, { cookie });
      if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}`);
    });
    measured.push({ page: path, perSecond: run.perSecond });
  }
  return measured;
}
