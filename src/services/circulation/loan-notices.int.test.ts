/**
 * Two portals, each in a process of its own, on one database, run housekeeping at the same
 * moment: each due-date reminder and overdue notice reaches the (real, in-process) SMTP server
 * once. A third process started afterwards, as after a restart, sends nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config.js';
import { sharedDatabase } from '../../test-support/shared-database.js';
import { TEST_PORTAL_DIALECT } from '../../test-support/databases.js';
import { prepare } from '../../test-support/raw-sql.js';
import { loadDemoCirculation } from '../../demo/demo-circulation.js';
import { loadDemoPatrons } from '../../demo/demo-patrons.js';
import { createPortal } from '../../portal.js';
import { countingHasher, TEST_SECRET } from '../../test-support/fixtures.js';
import { startTestSmtp, type TestSmtp } from '../../test-support/test-smtp.js';
import { nodeArgs } from '../../test-support/node-entry.js';

const dir = mkdtempSync(join(tmpdir(), 'myrecord-notices-two-'));
const shared = sharedDatabase(dir);
const env = { ...shared.env, APP_SECRET: TEST_SECRET, PUBLIC_URL: 'https://myrecord.example.edu', MAIL_OUTBOX_DIR: join(dir, 'outbox') };
let smtp: TestSmtp;

before(async () => {
  smtp = await startTestSmtp();
  // The demo patrons and their loans (one due in three days, some overdue), with no housekeeping run yet.
  const db = shared.open();
  const hasher = countingHasher();
  const portal = createPortal(loadConfig(env), db, { hasher, logger: { info() {}, error() {} } });
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher, now: portal.clock.now });
  loadDemoCirculation(portal);
  db.close();
});
after(async () => {
  await smtp.close();
  shared.drop();
});

/** A portal process (test-support/housekeeping-process.ts), once it has opened the database. */
async function startPortalProcess(): Promise<{ go(): void; done: Promise<number | null>; output: () => string }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, nodeArgs('src/test-support/housekeeping-process.ts'), {
    env: { ...process.env, ...env, SMTP_URL: smtp.url, BCRYPT_COST: '4' },
  });
  let output = '';
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void done.then(() => reject(new Error(`the portal process exited before it was ready: ${output}`)));
  });
  return { go: () => child.stdin.end('go\n'), done, output: () => output };
}

/** Each notice recorded as sent, by addressee and kind: what should have arrived, one mail each. */
function recordedMails(): Array<{ to: string; kind: string }> {
  const db = shared.open();
  const rows = prepare(
    db,
    'SELECT DISTINCT p.email AS "to", n.kind FROM loan_notices n JOIN loans l ON l.id = n.loan_id JOIN patrons p ON p.id = l.patron_id ORDER BY 1, 2',
  ).all() as Array<{ to: string; kind: string }>;
  db.close();
  return rows;
}

const SUBJECT_KIND: Record<string, string> = {
  'An item you borrowed is due back soon': 'reminder',
  'An item you borrowed is overdue': 'overdue',
};
const kindOf = (subject: string) =>
  SUBJECT_KIND[subject] ?? (/due back soon$/.test(subject) ? 'reminder' : /overdue$/.test(subject) ? 'overdue' : subject);

test(`${TEST_PORTAL_DIALECT}: two processes on one database run housekeeping at once: each reminder and overdue notice is mailed once`, async () => {
  const portals = await Promise.all([startPortalProcess(), startPortalProcess()]);
  for (const portal of portals) portal.go();
  const codes = await Promise.all(portals.map((portal) => portal.done));
  assert.deepEqual(codes, [0, 0], portals.map((portal) => portal.output()).join('\n'));

  const received = smtp.received
    .map((mail) => ({ to: mail.to.join(','), kind: kindOf(mail.subject) }))
    .sort((a, b) => `${a.to} ${a.kind}`.localeCompare(`${b.to} ${b.kind}`));
  assert.deepEqual(received, recordedMails(), 'one mail per patron and kind, none twice');
  // Chan Tai Man has Dracula due in three days and Kidnapped three days overdue; Wong Siu Ling has Moby-Dick overdue.
  const to = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
  const chan = to('tai-man.chan@example.edu');
  assert.deepEqual(chan.map((mail) => kindOf(mail.subject)).sort(), ['overdue', 'reminder']);
  assert.match(chan.find((mail) => kindOf(mail.subject) === 'reminder')!.text, /• Dracula — due /);
  assert.match(chan.find((mail) => kindOf(mail.subject) === 'overdue')!.text, /• Kidnapped — was due /);
  assert.match(
    to('siu-ling.wong@example.edu')
      .map((mail) => mail.text)
      .join('\n'),
    /• Moby-Dick; or, The Whale — was due /,
  );

  // A restart: a new process on the same database finds every notice sent.
  const count = smtp.received.length;
  const restarted = await startPortalProcess();
  restarted.go();
  assert.equal(await restarted.done, 0, restarted.output());
  assert.equal(smtp.received.length, count);
});
