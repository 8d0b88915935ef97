/**
 * The server the journeys of one Playwright worker run against: `node --import tsx src/server.ts` on
 * a new database in a folder of its own (so the demo patrons are loaded), with its own outbox,
 * uploads and clock offset file. Each worker has one (e2e/fixtures.ts), so workers share nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../src/test-support/free-port.js';

export interface E2EServer {
  url: string;
  /** The SQLite file; its folder also holds the outbox, the uploads and the clock offset file. */
  databaseFile: string;
  stop(): Promise<void>;
}

/** How long a new server may take to load the demo and answer /healthz on a busy machine. */
const START_TIMEOUT_MS = 120_000;

/** The port, once it is known that nothing listens on it (else the journeys would talk to another run's server). */
async function mustBeFree(port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`port ${port} (E2E_PORT + worker) is in use: choose another E2E_PORT, or leave it unset for free ports`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
  return port;
}

/** Starts worker `index`'s server: on E2E_PORT + index when E2E_PORT is set, else on a port the system finds free. */
export async function startE2EServer(index: number): Promise<E2EServer> {
  const port = process.env.E2E_PORT ? await mustBeFree(Number(process.env.E2E_PORT) + index) : await freePort();
  const dir = mkdtempSync(join(tmpdir(), `myrecord-e2e-${index}-`));
  const databaseFile = join(dir, 'myrecord.sqlite');
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_FILE: databaseFile,
      // The lowest cost keeps the journeys quick; the cost itself is a setting, tested elsewhere.
      BCRYPT_COST: '4',
      // Mail is written as .eml files there: the journeys read it as the patron would.
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
      // Uploaded copies beside the journeys' database, never in the project's db/ folder.
      UPLOAD_DIR: join(dir, 'uploads'),
      // The journeys move the server's clock by writing milliseconds here (an embargo passing, a TOTP step); none by default.
      CLOCK_OFFSET_FILE: join(dir, 'clock-offset-ms'),
      PUBLIC_URL: url,
      // The security page's journey simulates attackers at addresses of their own (X-Forwarded-For,
      // believed from this machine only), so that its spray does not block the browsers of the journeys.
      TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The log is kept for a server that fails to start (the mails it logs are read from the outbox);
  // its errors are shown as they come, as Playwright's webServer showed them.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A worker that dies without its teardown takes its server with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // It closes its connections and database at once; one that has not ended in 10 s is killed.
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
    rmSync(dir, { recursive: true, force: true });
  };

  // Polls /healthz until the server answers: it returns as soon as it does (about 2 s), the limit is for a loaded machine.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the e2e server on port ${port} exited before it answered:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the e2e server on port ${port} did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, databaseFile, stop };
}
