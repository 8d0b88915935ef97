/**
 * What the operator reads: the `myrecord` command and the server's start-up log. Kept in English
 * (the one language of the server's log), apart from the patrons' and staff's catalogues.
 */
import { IntlMessageFormat } from 'intl-messageformat';

const messages = {
  'cli.catalogue.done': 'Done: {records} records and {copies} copies imported.',
  'cli.usage':
    "Usage:\n  myrecord patrons import FILE.csv [--skip-invalid]\n  myrecord catalogue import FILE.csv\n  myrecord staff add USERNAME --role ROLE[,ROLE…] [--email ADDRESS] --password-stdin\n    roles: circulation, acquisitions, ill, repository, facilities, admin (all of them)\n  myrecord export-to DATABASE_URL|FILE.sqlite\n    copies the portal's database (DATABASE_URL, or else DATABASE_FILE) into an empty one\n",
  'cli.staff.added': 'Staff account {username} ({roles}) added. Log in at {url}/staff/login',
  'cli.staff.problem': 'Not added: {problem}',
  'cli.unknownCommand': 'Unknown command: {command}',
  'cli.fileUnreadable': 'Cannot read {file}: {reason}',
  'cli.import.checked': 'Checked {rows} rows: {bad} with errors.',
  'cli.import.badRow': 'line {line}: {reasons}',
  'cli.import.warning': 'line {line} (warning): {warning}',
  'cli.import.nothingImported': 'Nothing was imported. Correct the lines above and run the import again.',
  'cli.import.done': 'Done: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped as invalid ({seconds} s).',
  'cli.import.progress': '{done}/{total} rows hashed, {rate} rows/s, about {left} s left',
  'cli.export.from': 'Copying {source} into {target}…',
  'cli.export.table': '  {table}: {source} rows, {target} copied',
  'cli.export.done':
    'Done: {tables} tables, {rows} rows, every count the same on both sides. Point DATABASE_URL (or DATABASE_FILE) at {target} to run the portal on it.',
  'cli.export.notEmpty': '{target} is not empty (it has the tables {tables}): export only into an empty database. Nothing was written.',
  'cli.export.countsDiffer':
    "The counts differ for {tables}: nothing was kept in {target}. Stop the portal's writes and run the export again.",
  'cli.export.fileExists': '{target} already exists and is not empty: export only into a new file. Nothing was written.',
  'cli.export.sameDatabase': "{target} is the portal's own database: give another one.",
  'server.listening': 'myRecord is running at {url}',
  'server.demoLoaded': 'A new database: demo patrons were loaded. Log in with one of these:',
  'server.demoPatron': '  barcode {barcode}  PIN {pin}  ({note})',
  'server.demoCatalogue': 'The demo catalogue was loaded, with loans, an overdue item, a request and a fine for the demo patrons.',
  'server.demoStaff': 'Demo staff accounts, at /staff/login:',
  'server.demoStaffMember': '  username {username}  password {password}  ({roles})',
} as const;

export type OperatorKey = keyof typeof messages;

/** One operator message, its {placeholders} filled. */
export function say(key: OperatorKey, params: Record<string, string | number> = {}): string {
  return String(new IntlMessageFormat(messages[key], 'en').format(params));
}
