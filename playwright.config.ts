import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * End-to-end tests in a real Chromium against the real server, started on a new database
 * (so the demo patrons are loaded). Debian's chromium is used where it is installed:
 * browsers cannot be downloaded on every machine (scripts/ensure-chromium.mjs).
 */
const port = Number(process.env.E2E_PORT ?? 3107);
// Set once in the runner; its workers inherit it, so all agree on one database.
process.env.MYRECORD_E2E_DB ??= join(tmpdir(), `myrecord-e2e-${process.pid}-${Date.now()}`, 'myrecord.sqlite');

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: 'e2e',
  // The journeys share one database of demo patrons: one at a time, in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Journeys run axe at two widths on several pages; on two shared cores the default 30 s is too
  // little for the longest. A generous limit, not a speed check: speed is measured in the bench.
  timeout: 90_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node --import tsx src/server.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      DATABASE_FILE: process.env.MYRECORD_E2E_DB,
      // The lowest cost keeps the journeys quick; the cost itself is a setting, tested elsewhere.
      BCRYPT_COST: '4',
      // Mail is written as .eml files there: the journeys read it as the patron would.
      MAIL_OUTBOX_DIR: join(dirname(process.env.MYRECORD_E2E_DB), 'outbox'),
      // Uploaded copies beside the journeys' database, never in the project's db/ folder.
      UPLOAD_DIR: join(dirname(process.env.MYRECORD_E2E_DB), 'uploads'),
      // The journeys move the server's clock by writing milliseconds here (an embargo passing); none by default.
      CLOCK_OFFSET_FILE: join(dirname(process.env.MYRECORD_E2E_DB), 'clock-offset-ms'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The security page's journey simulates attackers at addresses of their own (X-Forwarded-For,
      // believed from this machine only), so that its spray does not block the browsers of the journeys.
      TRUST_PROXY: 'loopback',
    },
  },
});
