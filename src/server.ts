/**
 * `npm start`: read the settings, open and migrate the database, load the demo patrons on
 * a new database outside production, and listen.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { createPortal } from './portal.js';
import { consoleLogger } from './lib/logger.js';
import { DEMO_PATRONS, loadDemoPatrons } from './demo/demo-patrons.js';
import { DEMO_STAFF, loadDemoStaff } from './demo/demo-staff.js';
import { loadDemoCirculation } from './demo/demo-circulation.js';
import { t } from './messages/index.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.databaseFile);
  const { created } = migrate(db);
  const portal = createPortal(config, db);

  if (created && !config.production) {
    await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher: portal.hasher, now: portal.clock.now });
    consoleLogger.info(t('server.demoLoaded'));
    for (const demo of DEMO_PATRONS) consoleLogger.info(t('server.demoPatron', { barcode: demo.barcode, pin: demo.pin, note: demo.note }));
    await loadDemoStaff(portal.staffAccounts);
    loadDemoCirculation(portal);
    consoleLogger.info(t('server.demoCatalogue'));
    consoleLogger.info(t('server.demoStaff'));
    for (const member of DEMO_STAFF) consoleLogger.info(t('server.demoStaffMember', member));
  }

  portal.housekeeping();
  setInterval(portal.housekeeping, HOUSEKEEPING_INTERVAL_MS).unref();

  const server: Server = portal.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    consoleLogger.info(t('server.listening', { url: `http://localhost:${port}` }));
  });

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
