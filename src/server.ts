/**
 * `npm start`: read the settings, open and migrate the database (SQLite, or PostgreSQL at DATABASE_URL), load the demo patrons on
 * a new database outside production, and listen.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, startWarnings } from './config.js';
import { publishedDemoAccounts } from './demo/published-demo-accounts.js';
import { openConfiguredDatabase } from './db/engine/open-database.js';
import { createPortal } from './portal.js';
import { consoleLogger } from './lib/logger.js';
import { DEMO_PATRONS } from './demo/demo-patrons.js';
import { DEMO_STAFF } from './demo/demo-staff.js';
import { loadDemo } from './demo/load-demo.js';
import { say } from './messages/operator.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // PostgreSQL at DATABASE_URL, or the SQLite file DATABASE_FILE; migrated as it opens.
  const { database: db, created } = openConfiguredDatabase(config);
  const portal = createPortal(config, db);
  for (const warning of startWarnings(config)) consoleLogger.error(`Warning: ${warning}`);

  if (config.production) {
    const demo = await publishedDemoAccounts(portal);
    if (demo.length > 0) {
      throw new ConfigError(
        `this database holds demo accounts whose passwords and PINs are published (${demo.join(', ')}): production does not start on it. Use a new database file, or delete or disable those accounts first.`,
      );
    }
  }

  if (created && !config.production) {
    await loadDemo(portal);
    consoleLogger.info(say('server.demoLoaded'));
    for (const demo of DEMO_PATRONS)
      consoleLogger.info(say('server.demoPatron', { barcode: demo.barcode, pin: demo.pin, note: demo.note }));
    consoleLogger.info(say('server.demoCatalogue'));
    consoleLogger.info(say('server.demoStaff'));
    for (const member of DEMO_STAFF) consoleLogger.info(say('server.demoStaffMember', { ...member, roles: member.roles.join(', ') }));
  }

  // A periodic job that fails (the database locked longer than its busy timeout by another process,
  // a disk full) is logged and tried again at its next turn: it must never stop the server.
  const every = (ms: number, name: string, job: () => unknown) =>
    setInterval(() => {
      try {
        job();
      } catch (err) {
        consoleLogger.error(`${name} failed; it runs again in ${ms / 1000} s`, err);
      }
    }, ms).unref();
  portal.housekeeping();
  every(HOUSEKEEPING_INTERVAL_MS, 'housekeeping', portal.housekeeping);
  // No-shows are released every minute too, so a room nobody came to is free soon after its 10 minutes.
  every(60_000, 'releasing no-shows', () => portal.bookings.releaseNoShows());
  // The attack alert looks at the last ten minutes every minute (it reads the per-minute summaries only).
  every(60_000, 'the attack alert check', () => portal.attackAlert.check());

  const listening = () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === null ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
    consoleLogger.info(say('server.listening', { url: `http://${shownHost}:${port}` }));
  };
  // null: every interface, IPv6 and IPv4 (production, behind its proxy); else the one given.
  const server: Server =
    config.host === null ? portal.app.listen(config.port, listening) : portal.app.listen(config.port, config.host, listening);

  const stop = () => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`myRecord cannot start: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
