import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER, TEST_SECRET } from './test-support/fixtures.js';
import { prepare } from './test-support/raw-sql.js';
import { sharedDatabase, type SharedDatabase } from './test-support/shared-database.js';
import { newSchema, TEST_DATABASE_URL } from './test-support/databases.js';
import { nodeArgs } from './test-support/node-entry.js';

const databases: SharedDatabase[] = [];
after(() => databases.forEach((d) => d.drop()));

/** A folder and a database of the test's own, the command run on them, and SQL to look at what it did. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'myrecord-cli-'));
  const shared = sharedDatabase(dir);
  databases.push(shared);
  const env = { ...process.env, ...shared.env, APP_SECRET: TEST_SECRET, BCRYPT_COST: '4', MAIL_OUTBOX_DIR: join(dir, 'outbox') };
  const run = (args: string[], input?: string) => {
    const result = spawnSync(process.execPath, [...nodeArgs('src/cli.ts'), ...args], { env, input, encoding: 'utf8' });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  /** The rows a query answers, read on a connection opened and closed for it. */
  const rows = (text: string): unknown[] => {
    const db = shared.open();
    try {
      return prepare(db, text).all();
    } finally {
      db.close();
    }
  };
  const first = (text: string): unknown => Object.values(rows(text)[0] ?? {})[0];
  return { dir, run, rows, first };
}

test('patrons import: a good file is imported with progress; run again unchanged, nothing is hashed', () => {
  const { dir, run } = workspace();
  const file = join(dir, 'patrons.csv');
  writeFileSync(file, `${HEADER}\n1001,Chan Tai Man,,A123456(3),,,,\n1002,Maria Santos,,,XY12345678,,postgraduate,2030-01-31\n`);
  const first = run(['patrons', 'import', file]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Done: 2 created, 0 updated, 0 unchanged/);
  assert.match(first.err, /100% 2\/2 rows hashed/);
  const second = run(['patrons', 'import', file]);
  assert.equal(second.code, 0);
  assert.match(second.out, /Done: 0 created, 0 updated, 2 unchanged/);
  assert.doesNotMatch(second.err, /rows hashed/);
});

test('patrons import: a bad file imports nothing, lists each bad line and exits 1', () => {
  const { dir, run, first } = workspace();
  const file = join(dir, 'patrons.csv');
  writeFileSync(file, `${HEADER}\n1001,Good,,A123456(3),,,,\n1002,,,A123456(3),,,,\n1003,Bad,,X1,,,,\n`);
  const result = run(['patrons', 'import', file]);
  assert.equal(result.code, 1);
  assert.match(result.err, /line 3: name is missing/);
  assert.match(result.err, /line 4: hkid has fewer than 6 letters and digits/);
  assert.match(result.err, /Nothing was imported/);
  assert.equal(first('SELECT COUNT(*) FROM patrons'), 0);
});

test('patrons import: a missing file or wrong usage is said plainly', () => {
  const { run } = workspace();
  const missing = run(['patrons', 'import', '/no/such/file.csv']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /Cannot read \/no\/such\/file\.csv: ENOENT/);
  const usage = run(['patrons', 'frobnicate']);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /Usage:/);
});

test('staff add: the password is read from standard input; a short one is refused', () => {
  const { run, rows } = workspace();
  const short = run(['staff', 'add', 'first.admin', '--role', 'admin', '--password-stdin'], 'short\n');
  assert.equal(short.code, 1);
  assert.match(short.err, /at least 12 characters/);
  const added = run(['staff', 'add', 'first.admin', '--role', 'admin', '--password-stdin'], 'correct horse battery\n');
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /Staff account first\.admin \(admin\) added/);
  assert.doesNotMatch(added.out + added.err, /correct horse/);
  const row = rows(
    "SELECT r.role, s.password_hash FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE s.username = 'first.admin'",
  ) as Array<{ role: string; password_hash: string }>;
  assert.deepEqual(
    row.map((r) => r.role),
    ['admin'],
  );
  assert.match(row[0]!.password_hash, /^\$2[aby]\$04\$/);
  const wrongRole = run(['staff', 'add', 'other', '--role', 'wizard', '--password-stdin'], 'correct horse battery\n');
  assert.equal(wrongRole.code, 1);
  assert.match(wrongRole.err, /Choose roles from the list/);
  assert.equal(run(['staff', 'add', 'other', '--password-stdin'], 'x').code, 2);
  // Several roles, separated by commas, as the README's "The command line" shows.
  const two = run(['staff', 'add', 'm.chan', '--role', 'ill,circulation', '--password-stdin'], 'correct horse battery\n');
  assert.equal(two.code, 0, two.err);
  assert.match(two.out, /Staff account m\.chan \(circulation, ill\) added/);
});

test('staff add --email: the alert address is kept; one that is no address is refused, and nothing is added', () => {
  const { run, first } = workspace();
  const bad = run(['staff', 'add', 'it.chan', '--role', 'admin', '--email', 'nonsense', '--password-stdin'], 'correct horse battery\n');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /not an e-mail address/);
  assert.equal(run(['staff', 'add', 'it.chan', '--role', 'admin', '--email', '--password-stdin'], 'correct horse battery\n').code, 2);
  const added = run(
    ['staff', 'add', 'it.chan', '--role', 'admin', '--email', 'it-security@example.edu.hk', '--password-stdin'],
    'correct horse battery\n',
  );
  assert.equal(added.code, 0, added.err);
  assert.equal(first("SELECT email FROM staff WHERE username = 'it.chan'"), 'it-security@example.edu.hk');
});

test('catalogue import: the demo catalogue goes in whole; a file with a bad ISBN imports nothing and names the line', () => {
  const { dir, run, first } = workspace();
  const good = run(['catalogue', 'import', 'db/seed/catalogue.csv']);
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /Done: 811 records and 1171 copies imported\./);
  const bad = join(dir, 'bad.csv');
  writeFileSync(
    bad,
    'isbn,title,author,call_number,item_barcode,location\n9780141439518,Pride and Prejudice,"Austen, Jane",PR4034 .P7 1813,NEW001,Main\n9780141439519,Emma,"Austen, Jane",PR4034 .E5 1815,NEW002,Main\n',
  );
  const refused = run(['catalogue', 'import', bad]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /line 3: isbn is not a valid ISBN-13/);
  assert.equal(first("SELECT COUNT(*) FROM copies WHERE item_barcode LIKE 'NEW%'"), 0);
  assert.equal(first('SELECT COUNT(*) FROM records'), 811);
});

test('patrons import: text from the file is printed without terminal escapes', () => {
  const { dir, run } = workspace();
  const file = join(dir, 'patrons.csv');
  writeFileSync(file, `${HEADER},\u001b]0;owned\u0007\u001b[2J\n1001,Good,,A123456(3),,,,,\n`);
  const result = run(['patrons', 'import', file]);
  assert.equal(result.code, 1);
  assert.match(result.err, /unknown column "\?\]0;owned\?\?\[2j"/i, result.err);
  // eslint-disable-next-line no-control-regex -- the test is that no ESC or BEL reaches the terminal
  assert.doesNotMatch(result.err + result.out, /\u001b|\u0007/);
});

test("export-to: the portal's database copied into a new SQLite file and an empty PostgreSQL database, each table counted; never into one that holds anything", () => {
  const { dir, run } = workspace();
  const file = join(dir, 'patrons.csv');
  writeFileSync(file, `${HEADER}\n1001,Chan Tai Man,,A123456(3),,,,\n1002,Maria Santos,,,XY12345678,,postgraduate,2030-01-31\n`);
  assert.equal(run(['patrons', 'import', file]).code, 0);

  const copy = join(dir, 'copy.sqlite');
  const toFile = run(['export-to', copy]);
  assert.equal(toFile.code, 0, toFile.err);
  assert.match(toFile.out, /^ {2}patrons: 2 rows, 2 copied$/m);
  assert.match(toFile.out, /Done: \d+ tables, \d+ rows, every count the same on both sides/);
  const again = run(['export-to', copy]);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists and is not empty: export only into a new file\. Nothing was written\./);
  assert.equal(run(['export-to']).code, 2);

  if (TEST_DATABASE_URL) {
    const schema = newSchema();
    try {
      const toPostgres = run(['export-to', schema.url]);
      assert.equal(toPostgres.code, 0, toPostgres.err);
      assert.match(toPostgres.out, /^ {2}patrons: 2 rows, 2 copied$/m);
      const twice = run(['export-to', schema.url]);
      assert.equal(twice.code, 1);
      assert.match(twice.err, /is not empty \(it has the tables .*patrons.*\): export only into an empty database\. Nothing was written\./);
    } finally {
      schema.drop();
    }
  }
});
