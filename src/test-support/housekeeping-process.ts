/**
 * One portal in a process of its own, for tests of several processes on one database: it
 * opens the database named by DATABASE_FILE or DATABASE_URL, says "ready", waits for a line on its standard input,
 * runs housekeeping once, waits until its mail has been handed over, says "done" and exits. A test
 * starts several, waits for every "ready", then lets them all go at once.
 */
import { loadConfig } from '../config.js';
import { openConfiguredDatabase } from '../db/engine/open-database.js';
import { createPortal } from '../portal.js';
import { countingHasher } from './fixtures.js';

const config = loadConfig();
const db = openConfiguredDatabase(config).database;
const portal = createPortal(config, db, {
  hasher: countingHasher(),
  logger: { info() {}, error: (message) => process.stderr.write(`${message}\n`) },
});
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  portal.housekeeping();
  void Promise.all([portal.loanNotices.settled(), portal.notices.settled()]).then(() => {
    db.close();
    process.stdout.write('done\n');
    process.exit(0);
  });
});
