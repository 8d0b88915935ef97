/**
 * The `myrecord` command: `myrecord patrons import FILE.csv [--skip-invalid]`.
 * Exit codes: 0 done, 1 the file had bad rows (or could not be read), 2 wrong usage or settings.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { createPatronRepo } from './db/patron-repo.js';
import { systemClock } from './lib/clock.js';
import { createProgress } from './lib/progress.js';
import { hasMessage, t } from './messages/index.js';
import { createBcryptHasher } from './services/pin-hasher.js';
import { createPatronImportService, type LineProblems } from './services/patron-import-service.js';

function describe(problems: LineProblems['problems']): string {
  return problems
    .map((problem) => {
      const key = `import.${problem.code}`;
      return hasMessage(key) ? t(key, problem.params) : problem.code;
    })
    .join('; ');
}

async function importPatrons(file: string, skipInvalid: boolean): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(t('cli.fileUnreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
    return 1;
  }
  const config = loadConfig();
  const db = openDatabase(config.databaseFile);
  migrate(db);
  const importer = createPatronImportService({
    db,
    patrons: createPatronRepo(db),
    hasher: createBcryptHasher(config.bcryptCost),
    clock: systemClock,
    secret: config.appSecret,
  });

  const started = Date.now();
  const progress = createProgress(process.stderr);
  const report = await importer.importCsv(text, { skipInvalid, onProgress: progress.update });
  db.close();

  for (const entry of report.bad) console.error(t('cli.import.badRow', { line: entry.line, reasons: describe(entry.problems) }));
  for (const entry of report.warnings) console.error(t('cli.import.warning', { line: entry.line, warning: describe(entry.problems) }));
  console.log(t('cli.import.checked', { rows: report.rows, bad: report.bad.length }));
  if (!report.imported) {
    console.error(t('cli.import.nothingImported'));
    return 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    t('cli.import.done', { created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.bad.length, seconds }),
  );
  // With --skip-invalid the good rows are in, but the file still had bad ones: say so in the exit code.
  return report.bad.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [area, command, ...rest] = argv;
  if (area === 'patrons' && command === 'import') {
    const skipInvalid = rest.includes('--skip-invalid');
    const files = rest.filter((arg) => !arg.startsWith('--'));
    const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--skip-invalid');
    if (files.length !== 1 || unknown.length > 0) {
      process.stderr.write(t('cli.usage'));
      return 2;
    }
    return importPatrons(files[0]!, skipInvalid);
  }
  if (area !== undefined && area !== '--help') console.error(t('cli.unknownCommand', { command: argv.join(' ') }));
  process.stderr.write(t('cli.usage'));
  return area === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `myrecord: ${err.message}` : err);
    process.exit(2);
  },
);
