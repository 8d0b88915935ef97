/** The real HTTP portal on a port of its own, for tests that speak HTTP as a browser would. */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/engine/database.js';
import { openTestDatabase, TEST_PORTAL_DIALECT } from './databases.js';
import { copyDemoSeed, demoSeed } from './demo-seed.js';
import { createPortal, type Portal } from '../portal.js';
import { fakeClock } from '../lib/clock.js';
import { loadDemo } from '../demo/load-demo.js';
import { countingHasher, TEST_SECRET } from './fixtures.js';
import type { PinHasher } from '../services/pin/pin-hasher.js';
import { startTestSmtp, type TestSmtp } from './test-smtp.js';
import { DEMO_STAFF } from '../demo/demo-staff.js';
import type { PatronType } from '../domain/patrons/patron.js';

export interface TestPortal {
  url: string;
  portal: Portal;
  hasher: ReturnType<typeof countingHasher>;
  clock: ReturnType<typeof fakeClock>;
  logs: string[];
  close(): Promise<void>;
}

export async function startTestPortal(
  env: Record<string, string> = {},
  // wrapDatabase wraps the database the portal is given: a counting one, say.
  options: { realClock?: boolean; compare?: PinHasher['compare']; bcryptCost?: number; wrapDatabase?: (db: Database) => Database } = {},
): Promise<TestPortal> {
  // Mail goes to a folder of the test's own unless a test gives SMTP_URL; uploads to one of its own too.
  const outbox = mkdtempSync(join(tmpdir(), 'myrecord-outbox-'));
  const uploadDir = mkdtempSync(join(tmpdir(), 'myrecord-uploads-'));
  const config: Config = loadConfig({
    DATABASE_FILE: ':memory:',
    APP_SECRET: TEST_SECRET,
    MAIL_OUTBOX_DIR: outbox,
    UPLOAD_DIR: uploadDir,
    ...env,
  });
  // A copy of the demo loaded once (demo-seed.ts), in memory on SQLite or as a database of its own on
  // the test PostgreSQL; loaded anew where a setting changes what the demo holds: the key of the ID
  // numbers' fingerprints, or the bcrypt cost of the demo PINs.
  const seeded = options.bcryptCost === undefined && env.APP_SECRET === undefined;
  const seed = seeded ? await demoSeed(TEST_PORTAL_DIALECT) : undefined;
  const { database: db, drop } = seed ? copyDemoSeed(seed, uploadDir) : openTestDatabase(TEST_PORTAL_DIALECT);
  const hasher = countingHasher(options.bcryptCost);
  const compare = options.compare;
  if (compare) hasher.compare = (pin, hash) => compare(pin, hash);
  // The clock stands where it stood when the demo was loaded, so "today" in the demo is the portal's today.
  const clock = fakeClock(seed?.madeAt ?? Date.now());
  const logs: string[] = [];
  const logger = { info: (m: string) => logs.push(m), error: (m: string, e?: unknown) => logs.push(`${m} ${String(e)}`) };
  const portal = createPortal(config, options.wrapDatabase?.(db) ?? db, { hasher, clock: options.realClock ? undefined : clock, logger });
  if (!seed) await loadDemo(portal);
  hasher.compares = 0;
  const server: Server = await new Promise((resolve) => {
    const s = portal.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    portal,
    hasher,
    clock,
    logs,
    async close() {
      await portal.notices.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      drop();
    },
  };
}

/** Makes the portal's database refuse every write, or accept them again: a disk gone read-only. */
export function readOnly(db: Database, on: boolean): void {
  db.exec(
    db.dialect === 'postgres' ? `SET default_transaction_read_only = ${on ? 'on' : 'off'}` : `PRAGMA query_only = ${on ? 'ON' : 'OFF'}`,
  );
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * A browser in miniature: keeps cookies, reads the form's CSRF token, never follows redirects.
 * `headers` go with every request (say, X-Forwarded-Proto from a proxy that ends HTTPS).
 */
export class TestBrowser {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private async send(path: string, init: RequestInit): Promise<Answer> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      this.cookies.set(name, value.join('='));
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token?.[1]) this.csrf = token[1];
    return { status: response.status, headers: response.headers, text };
  }

  get(path: string): Promise<Answer> {
    return this.send(path, { method: 'GET' });
  }

  /**
   * A GET whose answer is a file: its bytes as sent, not text. `method` HEAD asks as a link checker
   * or a prefetch would; `headers` add what a browser adds (Sec-Fetch-Site from another site's page).
   */
  async getBytes(
    path: string,
    options: { method?: 'GET' | 'HEAD'; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const headers = new Headers({ ...this.headers, ...options.headers });
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(this.base + path, { method: options.method ?? 'GET', headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Posts a form whose answer is a file (a download button): its bytes as sent; the CSRF token of the last page unless `csrf` is given (or null). */
  async postBytes(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const params = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token !== null) params.append('_csrf', token);
    for (const [name, value] of Object.entries(fields)) params.append(name, value);
    const headers = new Headers({ ...this.headers, 'content-type': 'application/x-www-form-urlencoded', ...options.headers });
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(this.base + path, { method: 'POST', body: params.toString(), headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (or null to leave it out). */
  post(
    path: string,
    fields: Record<string, string | string[]> | string,
    options: { csrf?: string | null; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    let body: string;
    if (typeof fields === 'string') body = fields;
    else {
      const params = new URLSearchParams();
      const token = options.csrf === undefined ? this.csrf : options.csrf;
      if (token !== null) params.append('_csrf', token);
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
      body = params.toString();
    }
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', ...options.headers },
    });
  }

  /**
   * Posts a multipart form (an upload), its parts in the order given: the CSRF token of the last
   * page first, as the portal's forms send it, unless `csrf` is given (or null to leave it out).
   */
  upload(
    path: string,
    parts: Array<{ name: string; value: string } | { name: string; filename: string; type: string; data: Buffer }>,
    options: { csrf?: string | null } = {},
  ): Promise<Answer> {
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    const all = token === null ? parts : [{ name: '_csrf', value: token }, ...parts];
    const { body, contentType } = multipartBody(all);
    return this.send(path, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } });
  }

  /** What the browser shows after a form: the page its 303 leads to, or else the answer itself. */
  async shown(answer: Answer): Promise<Answer> {
    const location = answer.headers.get('location');
    return answer.status === 303 && location ? this.get(location) : answer;
  }

  /** Opens the login page and logs in. */
  async logIn(barcode: string, pin: string): Promise<Answer> {
    await this.get('/login');
    return this.post('/login', { barcode, pin });
  }

  forgetCookies(): void {
    this.cookies.clear();
  }

  /** The Cookie header this browser sends, for a request made by hand. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The cookies the portal set, by name. */
  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  /** A cookie as the browser holds it (still URL-encoded), if it has one. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets, replaces or (with undefined) drops a cookie, as someone at the keyboard could. */
  setCookie(name: string, value: string | undefined): void {
    if (value === undefined) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** A multipart/form-data body, as a browser builds it. */
export function multipartBody(
  parts: Array<{ name: string; value: string } | { name: string; filename: string; type: string; data: Buffer }>,
): { body: Buffer; contentType: string } {
  const boundary = `----myrecord-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part)
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`,
        ),
      );
      chunks.push(part.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The portal with its mail going over SMTP to a real server in the test's process. */
export async function startPortalWithMail(
  env: Record<string, string> = {},
): Promise<{ portal: TestPortal; smtp: TestSmtp; close(): Promise<void> }> {
  const smtp = await startTestSmtp();
  const portal = await startTestPortal({ SMTP_URL: smtp.url, ...env });
  return {
    portal,
    smtp,
    async close() {
      await portal.close();
      await smtp.close();
    },
  };
}

/**
 * A new patron of a type, registered as the CSV import registers him (default PIN from his
 * passport number) and logged in on a PIN of his own, then shown `landing`.
 */
export async function registeredPatronIn(
  portal: TestPortal,
  patron: { barcode: string; name: string; email: string; type: PatronType; landing: string },
): Promise<TestBrowser> {
  const passport = `K${patron.barcode}`;
  const report = await portal.portal.importer.importCsv(
    `barcode,name,email,passport,patron_type,expiry_date\n${patron.barcode},${patron.name},${patron.email},${passport},${patron.type},2030-12-31\n`,
  );
  assert.equal(report.bad.length, 0);
  const browser = new TestBrowser(portal.url);
  await browser.logIn(patron.barcode, passport.slice(0, 6));
  await browser.get('/pin/modify');
  assert.equal(
    (await browser.post('/pin/modify', { current_pin: passport.slice(0, 6), new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' })).status,
    303,
  );
  await browser.get(patron.landing);
  return browser;
}

/** A demo member of staff (src/demo/demo-staff.ts), logged in to the console. */
export async function demoStaffIn(portal: TestPortal, username: string): Promise<TestBrowser> {
  const member = DEMO_STAFF.find((m) => m.username === username)!;
  const browser = new TestBrowser(portal.url);
  await browser.get('/staff/login');
  assert.equal((await browser.post('/staff/login', { username: member.username, password: member.password })).status, 303);
  await browser.get('/staff');
  return browser;
}
