/**
 * The `myrecord` command:
 *   myrecord patrons import FILE.csv [--skip-invalid]
 *   myrecord catalogue import FILE.csv
 *   myrecord staff add USERNAME --role ROLE[,ROLE…] [--email ADDRESS] --password-stdin
 *   myrecord export-to DATABASE_URL|FILE.sqlite
 * Exit codes: 0 done, 1 the input was refused (bad rows, a bad password), 2 wrong usage or settings.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, isPostgresUrl, loadConfig, withoutCredentials } from './config.js';
import { copyDatabase } from './db/engine/database-copy.js';
import { openConfiguredDatabase, openDatabaseAt } from './db/engine/open-database.js';
import { createProgress } from './lib/progress.js';
import { printable } from './lib/printable.js';
import type { CsvProblem } from './lib/csv-table.js';
import { t } from './messages/index.js';
import { say } from './messages/operator.js';
import { createPortal, type Portal } from './portal.js';
import { IMPORT_PROBLEM_MESSAGES, STAFF_ACCOUNT_PROBLEM_MESSAGES, type ImportProblemCode } from './web/patrons/problem-messages.js';

/** The portal's services on the configured database, for one command. */
function openPortal(): Portal {
  const config = loadConfig();
  return createPortal(config, openConfiguredDatabase(config).database);
}

/** A CSV file's problems in words; text taken from the file is printed without its control characters. */
function describe(problems: ReadonlyArray<CsvProblem<ImportProblemCode>>): string {
  return problems
    .map((problem) => {
      const params = Object.fromEntries(
        Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' ? printable(value) : value]),
      );
      return t(IMPORT_PROBLEM_MESSAGES[problem.code], params);
    })
    .join('; ');
}

/** The file's text, or undefined after saying plainly why it cannot be read. */
function readInput(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    console.error(say('cli.fileUnreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
    return undefined;
  }
}

async function importPatrons(file: string, skipInvalid: boolean): Promise<number> {
  const text = readInput(file);
  if (text === undefined) return 1;
  const portal = openPortal();
  const started = Date.now();
  const progress = createProgress(process.stderr);
  const report = await portal.importer.importCsv(text, { skipInvalid, onProgress: progress.update });
  portal.db.close();

  for (const entry of report.bad) console.error(say('cli.import.badRow', { line: entry.line, reasons: describe(entry.problems) }));
  for (const entry of report.warnings) console.error(say('cli.import.warning', { line: entry.line, warning: describe(entry.problems) }));
  console.log(say('cli.import.checked', { rows: report.rows, bad: report.bad.length }));
  if (!report.imported) {
    console.error(say('cli.import.nothingImported'));
    return 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    say('cli.import.done', {
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.bad.length,
      seconds,
    }),
  );
  // With --skip-invalid the good rows are in, but the file still had bad ones: say so in the exit code.
  return report.bad.length > 0 ? 1 : 0;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break is the end of the line, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function addStaff(args: string[]): Promise<number> {
  const roleIndex = args.indexOf('--role');
  const role = roleIndex >= 0 ? args[roleIndex + 1] : undefined;
  const emailIndex = args.indexOf('--email');
  const email = emailIndex >= 0 ? args[emailIndex + 1] : undefined;
  const valueOfOption = (index: number) => (roleIndex >= 0 && index === roleIndex + 1) || (emailIndex >= 0 && index === emailIndex + 1);
  const usernames = args.filter((arg, index) => !arg.startsWith('--') && !valueOfOption(index));
  const known = args.every(
    (arg, index) => !arg.startsWith('--') || arg === '--role' || arg === '--email' || arg === '--password-stdin' || valueOfOption(index),
  );
  if (emailIndex >= 0 && (email === undefined || email.startsWith('--'))) {
    process.stderr.write(say('cli.usage'));
    return 2;
  }
  if (usernames.length !== 1 || role === undefined || !args.includes('--password-stdin') || !known) {
    process.stderr.write(say('cli.usage'));
    return 2;
  }
  const password = await readStdin();
  const portal = openPortal();
  const result = await portal.staffAccounts.add(
    { username: usernames[0]!, roles: [role], password, ...(email === undefined ? {} : { email }) },
    { commandLine: true },
  );
  portal.db.close();
  if (!result.ok) {
    for (const problem of result.problems)
      console.error(say('cli.staff.problem', { problem: t(STAFF_ACCOUNT_PROBLEM_MESSAGES[problem.code]) }));
    return 1;
  }
  console.log(
    say('cli.staff.added', { username: result.staff.username, roles: result.staff.roles.join(', '), url: loadConfig().publicUrl }),
  );
  return 0;
}

function importCatalogue(args: string[]): number {
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    process.stderr.write(say('cli.usage'));
    return 2;
  }
  const file = args[0]!;
  const text = readInput(file);
  if (text === undefined) return 1;
  const portal = openPortal();
  const report = portal.catalogue.importCsv(text);
  portal.db.close();
  for (const entry of report.bad) console.error(say('cli.import.badRow', { line: entry.line, reasons: describe(entry.problems) }));
  console.log(say('cli.import.checked', { rows: report.rows, bad: report.bad.length }));
  if (!report.imported) {
    console.error(say('cli.import.nothingImported'));
    return 1;
  }
  console.log(say('cli.catalogue.done', { records: report.records, copies: report.copies }));
  return 0;
}

/**
 * `myrecord export-to TARGET`: the portal's database, as the settings name it, copied into an
 * empty PostgreSQL database (a postgres:// address) or a new SQLite file, with each table's count.
 */
function exportTo(args: string[]): number {
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    process.stderr.write(say('cli.usage'));
    return 2;
  }
  const targetName = args[0]!;
  const config = loadConfig();
  const toPostgres = isPostgresUrl(targetName);
  const shown = withoutCredentials(targetName);
  const sourceName = config.databaseUrl ?? config.databaseFile;
  if (
    toPostgres ? targetName === config.databaseUrl : config.databaseUrl === null && resolve(targetName) === resolve(config.databaseFile)
  ) {
    console.error(say('cli.export.sameDatabase', { target: shown }));
    return 1;
  }
  // A file that holds anything is not opened at all: SQLite would take it for a database to add to.
  if (!toPostgres && existsSync(targetName) && statSync(targetName).size > 0) {
    console.error(say('cli.export.fileExists', { target: shown }));
    return 1;
  }
  const source = openConfiguredDatabase(config).database;
  // Not migrated here: copyDatabase first makes sure the target holds nothing.
  const target = openDatabaseAt({ databaseUrl: toPostgres ? targetName : null, databaseFile: targetName });
  try {
    console.log(say('cli.export.from', { source: withoutCredentials(sourceName), target: shown }));
    const result = copyDatabase(source, target, (table) => console.log(say('cli.export.table', { ...table })));
    if (!result.ok && result.reason === 'target-not-empty') {
      console.error(say('cli.export.notEmpty', { target: shown, tables: result.tables.join(', ') }));
      return 1;
    }
    if (!result.ok) {
      const differing = result.tables.filter((t) => t.source !== t.target).map((t) => t.table);
      console.error(say('cli.export.countsDiffer', { target: shown, tables: differing.join(', ') }));
      return 1;
    }
    const rows = result.tables.reduce((sum, t) => sum + t.target, 0);
    console.log(say('cli.export.done', { tables: result.tables.length, rows, target: shown }));
    return 0;
  } finally {
    source.close();
    target.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [area, command, ...rest] = argv;
  if (area === 'export-to') return exportTo(argv.slice(1));
  if (area === 'staff' && command === 'add') return addStaff(rest);
  if (area === 'catalogue' && command === 'import') return importCatalogue(rest);
  if (area === 'patrons' && command === 'import') {
    const skipInvalid = rest.includes('--skip-invalid');
    const files = rest.filter((arg) => !arg.startsWith('--'));
    const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--skip-invalid');
    if (files.length !== 1 || unknown.length > 0) {
      process.stderr.write(say('cli.usage'));
      return 2;
    }
    return importPatrons(files[0]!, skipInvalid);
  }
  if (area !== undefined && area !== '--help') console.error(say('cli.unknownCommand', { command: argv.join(' ') }));
  process.stderr.write(say('cli.usage'));
  return area === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `myrecord: ${err.message}` : err);
    process.exit(2);
  },
);
