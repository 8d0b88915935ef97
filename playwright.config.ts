import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests in a real Chromium against the real server. Each worker starts a server of its
 * own on a new database (so the demo patrons are loaded), with its own outbox, uploads and clock
 * offset file (e2e/e2e-server.ts, started by the worker fixture in e2e/fixtures.ts): workers share
 * nothing. Its port is E2E_PORT + the worker's index when E2E_PORT is set, else one the system finds
 * free. Debian's chromium is used where it is installed: browsers cannot be downloaded on every
 * machine (scripts/ensure-chromium.mjs).
 */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: 'e2e',
  // One worker by default: on this 2-core machine two were no faster (12.6 and 13.7 min against 13.6 for one; the
  // CPU is already full with one) and, beside other work, red (five journeys past their timeouts). Each worker has a
  // server and database of its own, so `--workers=2` is safe where there are cores to spare. Within a file the
  // journeys run in order on one worker, and a worker runs its files in name order: a journey that puts a demo
  // patron back as it found her does so for the journeys after it on that worker.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Journeys run axe at two widths on several pages; on two shared cores the default 30 s is too
  // little for the longest. A generous limit, not a speed check: speed is measured in the bench.
  timeout: 90_000,
  reporter: [['list']],
  use: {
    // baseURL is the worker's own server's (e2e/fixtures.ts).
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
});
