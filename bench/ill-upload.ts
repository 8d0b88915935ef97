/**
 * The interlibrary loan upload under load it was built for: ILL staff upload a 50 MB PDF (the
 * largest UPLOAD_MAX_MB allows by default) to the production server. Two figures from the same run:
 * the server's resident memory growth while the upload streams through it (VmRSS sampled every few
 * milliseconds from /proc; peak minus before; a buffered upload would grow by the file's size), and
 * the upload's rate against copying the same file on disk (the floor any upload pays: it is written once).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { minimalPdf } from '../src/lib/minimal-pdf.js';
import { createClient, tokenOf, type Reply } from './http-client.js';

const MB = 1024 * 1024;
const STAFF_PASSWORD = 'bench-ill-password-0123';
let runs = 0;

export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/** A PDF of exactly `bytes` bytes: a one-page PDF with an unused stream of padding. */
export function pdfOfSize(bytes: number): Buffer {
  let padding = bytes;
  for (let round = 0; round < 4; round++) {
    const pdf = minimalPdf('myRecord benchmark copy', { paddingBytes: padding });
    if (pdf.length === bytes) return pdf;
    padding += bytes - pdf.length;
  }
  throw new Error(`no PDF of exactly ${bytes} bytes`);
}

/** Cookies kept across answers, as a browser keeps them. */
export function jar() {
  const cookies = new Map<string, string>();
  return {
    take(reply: Reply) {
      for (const line of reply.headers['set-cookie'] ?? []) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return reply;
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

/** Streams the file from disk as a multipart form (`_csrf` first, then `file`), as a browser sends it. */
export function uploadFile(
  base: string,
  path: string,
  cookie: string,
  token: string,
  file: string,
): Promise<{ status: number; location: string | undefined }> {
  const url = new URL(base);
  const boundary = '----myrecord-bench-upload';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: {
          'x-forwarded-proto': 'https',
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(file, { highWaterMark: 1024 * 1024 });
    body.on('error', reject);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

export async function measureIllUpload(options: {
  url: string;
  pid: number;
  databaseFile: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  maxMb?: number;
}) {
  const { url, pid, databaseFile, dir, env } = options;
  const size = (options.maxMb ?? 50) * MB;

  // An ILL member of staff (the command a library uses), and an article request sent to a lender.
  const STAFF = { username: `bench-ill-${++runs}`, password: STAFF_PASSWORD };
  const added = spawnSync(process.execPath, ['dist/cli.js', 'staff', 'add', STAFF.username, '--role', 'ill', '--password-stdin'], {
    env,
    input: `${STAFF.password}\n`,
    encoding: 'utf8',
  });
  if (added.status !== 0) throw new Error(`staff add failed: ${added.stderr}`);
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  const patronId = db.prepare('SELECT id FROM patrons ORDER BY id LIMIT 1').pluck().get() as number;
  const now = Date.now();
  const requestId = Number(
    db
      .prepare(
        `INSERT INTO ill_requests (patron_id, kind, title, article_title, year, pages, created_at, status, status_at, lender)
         VALUES (?, 'article', 'Benchmark Journal', 'A Large Article', 2020, '1-999', ?, 'sent', ?, 'Bench Lender')`,
      )
      .run(patronId, now, now).lastInsertRowid,
  );
  db.close();

  const file = join(dir, 'bench-copy.pdf');
  writeFileSync(file, pdfOfSize(size));

  const client = createClient(url, 2);
  const cookies = jar();
  const loginPage = cookies.take(await client.request('GET', '/staff/login'));
  const loggedIn = cookies.take(
    await client.request('POST', '/staff/login', {
      cookie: cookies.header(),
      form: { _csrf: tokenOf(loginPage), username: STAFF.username, password: STAFF.password },
    }),
  );
  if (loggedIn.status !== 303) throw new Error(`staff login answered ${loggedIn.status}`);
  const queue = cookies.take(await client.request('GET', '/staff/ill?status=sent', { cookie: cookies.header() }));
  const token = tokenOf(queue);
  client.close();

  const timed = await againstDiskCopy({
    pid,
    dir,
    file,
    size,
    upload: () => uploadFile(url, `/staff/ill/${requestId}/copy?status=sent`, cookies.header(), token, file),
  });

  const check = new Database(databaseFile, { readonly: true });
  const stored = check.prepare('SELECT status, file_size AS size FROM ill_requests WHERE id = ?').get(requestId) as {
    status: string;
    size: number;
  };
  check.close();
  if (stored.status !== 'delivered' || stored.size !== size)
    throw new Error(`the upload was not recorded whole: ${JSON.stringify(stored)}`);

  return timed;
}

/**
 * Uploads of `file` timed against copying it on disk in the same moments (the floor any upload
 * pays: it is written once), with the server's resident memory sampled every few milliseconds
 * from /proc while each streams (peak minus before; a buffered upload would grow by the file's size).
 * `rounds` > 1 alternates copy and upload that many times and compares the medians: on a shared
 * machine the page-cache copy alone varies twofold from one moment to the next, and one pair of
 * figures says more about the neighbours than about the upload. `upload` must then be repeatable.
 * Shared by the interlibrary loan copy and the research archive deposit.
 */
export async function againstDiskCopy(options: {
  pid: number;
  dir: string;
  file: string;
  size: number;
  upload: () => Promise<{ status: number }>;
  rounds?: number;
}) {
  const { pid, dir, file, size } = options;
  const copies: number[] = [];
  const uploads: number[] = [];
  let growth = 0;
  let before = rssMb(pid);
  let peakOfAll = before;
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    const copy = join(dir, `${Math.random().toString(16).slice(2)}-copied.pdf`);
    const copyStarted = performance.now();
    await pipeline(createReadStream(file), createWriteStream(copy));
    copies.push((performance.now() - copyStarted) / 1000);
    // Removed after timing, as the upload that replaces a deposit's file removes the one before.
    rmSync(copy);

    const start = rssMb(pid);
    let peak = start;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 3);
    const started = performance.now();
    const answer = await options.upload();
    uploads.push((performance.now() - started) / 1000);
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    if (answer.status !== 303) throw new Error(`the upload answered ${answer.status}`);
    if (peak - start > growth) [growth, before, peakOfAll] = [peak - start, start, peak];
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const uploadSeconds = median(uploads);
  const copySeconds = median(copies);
  const mbPerSecond = (seconds: number) => size / MB / seconds;
  return {
    sizeMb: size / MB,
    rounds: uploads.length,
    rssBeforeMb: before,
    rssPeakMb: peakOfAll,
    /** The largest growth of any round. */
    rssGrowthMb: growth,
    uploadSeconds,
    copySeconds,
    uploadMbPerSecond: mbPerSecond(uploadSeconds),
    copyMbPerSecond: mbPerSecond(copySeconds),
    rateRatio: mbPerSecond(uploadSeconds) / mbPerSecond(copySeconds),
  };
}
