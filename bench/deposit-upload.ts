/**
 * The research archive upload under the load it was built for: a postgraduate uploads a 50 MB PDF
 * (the largest UPLOAD_MAX_MB allows by default) to a draft deposit on the production server. The
 * same two figures as the interlibrary loan copy (ill-upload.ts, againstDiskCopy): resident memory
 * growth while it streams, and its rate against copying the same file on disk in the same run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClient, tokenOf } from './http-client.js';
import { againstDiskCopy, jar, pdfOfSize, uploadFile } from './ill-upload.js';

const MB = 1024 * 1024;

export async function measureDepositUpload(options: {
  url: string;
  pid: number;
  databaseFile: string;
  dir: string;
  patron: { barcode: string; pin: string };
  maxMb?: number;
}) {
  const { url, pid, databaseFile, dir, patron } = options;
  const size = (options.maxMb ?? 50) * MB;

  // Only staff and postgraduates deposit: the bench patron becomes a postgraduate.
  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  db.prepare("UPDATE patrons SET patron_type = 'postgraduate' WHERE barcode = ?").run(patron.barcode);
  db.close();

  const file = join(dir, 'bench-deposit.pdf');
  writeFileSync(file, pdfOfSize(size));

  const client = createClient(url, 2);
  const cookies = jar();
  const loginPage = cookies.take(await client.request('GET', '/login'));
  const loggedIn = cookies.take(
    await client.request('POST', '/login', {
      cookie: cookies.header(),
      form: { _csrf: tokenOf(loginPage), barcode: patron.barcode, pin: patron.pin },
    }),
  );
  if (loggedIn.status !== 303) throw new Error(`login answered ${loggedIn.status}`);
  // The deposit pages need a PIN of the patron's own: one chosen now, if the default is still in use.
  if (loggedIn.headers.location?.startsWith('/pin/modify')) {
    const form = cookies.take(await client.request('GET', '/pin/modify', { cookie: cookies.header() }));
    const changed = cookies.take(
      await client.request('POST', '/pin/modify', {
        cookie: cookies.header(),
        form: { _csrf: tokenOf(form), current_pin: patron.pin, new_pin: 'q7w3e9r1', confirm_pin: 'q7w3e9r1' },
      }),
    );
    if (changed.status !== 303) throw new Error(`choosing a PIN answered ${changed.status}`);
  }
  const list = cookies.take(await client.request('GET', '/myrecord/deposits', { cookie: cookies.header() }));
  const made = cookies.take(
    await client.request('POST', '/myrecord/deposits', { cookie: cookies.header(), form: { _csrf: tokenOf(list) } }),
  );
  const id = Number(/\/myrecord\/deposits\/(\d+)$/.exec(made.headers.location ?? '')?.[1]);
  if (made.status !== 303 || !id) throw new Error(`a new deposit answered ${made.status}`);
  const page = cookies.take(await client.request('GET', `/myrecord/deposits/${id}`, { cookie: cookies.header() }));
  const token = tokenOf(page);
  client.close();

  const upload = () => uploadFile(url, `/myrecord/deposits/${id}/file`, cookies.header(), token, file);
  // One upload first, not measured: a server just started has not yet compiled the upload's path
  // (busboy's boundary search, the hash), and the first upload of a day is not what a library's
  // researchers meet. The measured one replaces that file, as an author's second upload does.
  const warmUp = await upload();
  if (warmUp.status !== 303) throw new Error(`the warm-up upload answered ${warmUp.status}`);
  // Five rounds, medians compared (againstDiskCopy): each upload replaces the deposit's file.
  const timed = await againstDiskCopy({ pid, dir, file, size, upload, rounds: 5 });

  const check = new Database(databaseFile, { readonly: true });
  const stored = check.prepare('SELECT file_size AS size FROM deposits WHERE id = ?').get(id) as { size: number | null };
  check.close();
  if (stored.size !== size) throw new Error(`the deposit upload was not recorded whole: ${JSON.stringify(stored)}`);
  return { ...timed, file };
}
