/**
 * The no-show step of housekeeping in a process of its own, at a moment given in HOUSEKEEPING_AT
 * (milliseconds): the end-to-end journey runs it against the server's database file, as the
 * server's own housekeeping would at that time. Only this step, so that the other journeys'
 * sessions and mail are left as they are. Prints the count released and exits.
 */
import { loadConfig } from '../config.js';
import { openConfiguredDatabase } from '../db/engine/open-database.js';
import { fakeClock } from '../lib/clock.js';
import { createPortal } from '../portal.js';
import { countingHasher } from './fixtures.js';

const at = Number(process.env.HOUSEKEEPING_AT);
if (!Number.isFinite(at)) throw new Error('HOUSEKEEPING_AT must be a moment in milliseconds');
const config = loadConfig();
const db = openConfiguredDatabase(config).database;
const portal = createPortal(config, db, {
  hasher: countingHasher(),
  clock: fakeClock(at),
  logger: { info() {}, error: (message) => process.stderr.write(`${message}\n`) },
});
const released = portal.bookings.releaseNoShows();
void portal.notices.settled().then(() => {
  db.close();
  process.stdout.write(`${released}\n`);
});
