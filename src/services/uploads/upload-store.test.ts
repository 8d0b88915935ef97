import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createUploadStore, PDF_SIGNATURE } from './upload-store.js';

const store = (maxBytes = 1000) => createUploadStore({ dir: mkdtempSync(join(tmpdir(), 'myrecord-uploads-')), maxBytes });
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x41)]);
/** The bytes in chunks of 7, as a network would deliver them. */
const chunked = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    })(),
  );

test('a PDF is stored whole under a random name, with its size and SHA-256', async () => {
  const uploads = store();
  const bytes = pdf(500);
  const result = await uploads.receive(chunked(bytes), { signature: PDF_SIGNATURE });
  assert.ok(result.ok);
  assert.match(result.file.name, /^[0-9a-f-]{36}$/);
  assert.equal(result.file.size, 500);
  assert.equal(result.file.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(readFileSync(join(uploads.dir, result.file.name)), bytes);
  assert.deepEqual(await uploads.list(), [result.file.name]);
});

test('a file of exactly the limit is stored; one byte more is cut off and leaves no file', async () => {
  const uploads = store(1000);
  assert.ok((await uploads.receive(chunked(pdf(1000)), { signature: PDF_SIGNATURE })).ok);
  const over = await uploads.receive(chunked(pdf(1001)), { signature: PDF_SIGNATURE });
  assert.deepEqual(over, { ok: false, failure: 'too-large' });
  assert.equal((await uploads.list()).length, 1);
});

test("a lower limit for one file (what is left of a patron's storage) cuts it off there; it never raises the store's", async () => {
  const uploads = store(1000);
  assert.ok((await uploads.receive(chunked(pdf(300)), { signature: PDF_SIGNATURE, maxBytes: 300 })).ok);
  assert.deepEqual(await uploads.receive(chunked(pdf(301)), { signature: PDF_SIGNATURE, maxBytes: 300 }), {
    ok: false,
    failure: 'too-large',
  });
  assert.deepEqual(await uploads.receive(chunked(pdf(1001)), { signature: PDF_SIGNATURE, maxBytes: 5000 }), {
    ok: false,
    failure: 'too-large',
  });
  assert.equal((await uploads.list()).length, 1);
});

test('a stream far over the limit is not read to its end', async () => {
  const uploads = store(1000);
  let produced = 0;
  const endless = new Readable({
    read() {
      produced += 64;
      this.push(produced === 64 ? Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(59)]) : Buffer.alloc(64));
    },
  });
  assert.deepEqual(await uploads.receive(endless, { signature: PDF_SIGNATURE }), { ok: false, failure: 'too-large' });
  assert.ok(produced < 100_000, `read ${produced} bytes`);
  assert.deepEqual(await uploads.list(), []);
});

test('a file that does not begin %PDF- is refused and removed, even when the first chunk is one byte', async () => {
  const uploads = store();
  const notPdf = Buffer.from('<html>not a pdf, whatever its name says</html>');
  assert.deepEqual(await uploads.receive(Readable.from([notPdf.subarray(0, 1), notPdf.subarray(1)]), { signature: PDF_SIGNATURE }), {
    ok: false,
    failure: 'wrong-kind',
  });
  assert.deepEqual(await uploads.receive(Readable.from([Buffer.from('%PD')]), { signature: PDF_SIGNATURE }), {
    ok: false,
    failure: 'wrong-kind',
  });
  assert.deepEqual(await uploads.receive(Readable.from([]), { signature: PDF_SIGNATURE }), { ok: false, failure: 'empty' });
  assert.deepEqual(await uploads.list(), []);
});

test('a stream broken mid-way (the client gone) leaves no file', async () => {
  const uploads = store(10_000);
  const source = new PassThrough();
  const receiving = uploads.receive(source, { signature: PDF_SIGNATURE });
  source.write(pdf(2000));
  await new Promise((resolve) => setImmediate(resolve));
  source.destroy(new Error('aborted'));
  assert.deepEqual(await receiving, { ok: false, failure: 'interrupted' });
  assert.deepEqual(readdirSync(uploads.dir), []);
});

test("names are the store's own: a name that looks like a path is never opened or removed", async () => {
  const uploads = store();
  for (const name of ['../../etc/passwd', '/etc/passwd', 'x/../y', '', '..']) {
    await assert.rejects(uploads.openHandle(name), /not the name of a stored file/, name);
    await assert.rejects(uploads.remove(name), /not the name of a stored file/, name);
  }
});

test('partial files a stopped process left are swept once a day old; one being written now, and whole files, stay', async () => {
  const uploads = store();
  const whole = await uploads.receive(Readable.from([pdf(100)]), { signature: PDF_SIGNATURE });
  assert.ok(whole.ok);
  writeFileSync(join(uploads.dir, 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa.part'), 'old');
  writeFileSync(join(uploads.dir, 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb.part'), 'now');
  const now = Date.now();
  const dayAgo = (now - 86_400_000 - 1000) / 1000;
  utimesSync(join(uploads.dir, 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa.part'), dayAgo, dayAgo);
  assert.equal(await uploads.sweepPartials(now, 86_400_000), 1);
  assert.deepEqual(await uploads.list(), [whole.file.name, 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb.part'].sort());
});

test('whole files that no row names are swept once past the grace period; named ones, new ones and partial ones stay', async () => {
  const uploads = store();
  const named = await uploads.receive(Readable.from([pdf(100)]), { signature: PDF_SIGNATURE });
  const orphan = await uploads.receive(Readable.from([pdf(100)]), { signature: PDF_SIGNATURE });
  const fresh = await uploads.receive(Readable.from([pdf(100)]), { signature: PDF_SIGNATURE });
  assert.ok(named.ok && orphan.ok && fresh.ok);
  writeFileSync(join(uploads.dir, 'cccccccc-cccc-cccc-cccc-cccccccccccc.part'), 'being written');
  writeFileSync(join(uploads.dir, 'notes.txt'), 'not ours');
  const now = Date.now();
  const dayAgo = (now - 86_400_000 - 1000) / 1000;
  for (const name of [named.file.name, orphan.file.name, 'cccccccc-cccc-cccc-cccc-cccccccccccc.part', 'notes.txt'])
    utimesSync(join(uploads.dir, name), dayAgo, dayAgo);
  const asked: string[] = [];
  const removed = await uploads.sweepOrphans(now, 86_400_000, (name) => {
    asked.push(name);
    return name === named.file.name;
  });
  assert.equal(removed, 1);
  assert.deepEqual(
    await uploads.list(),
    [named.file.name, fresh.file.name, 'cccccccc-cccc-cccc-cccc-cccccccccccc.part', 'notes.txt'].sort(),
  );
  // Only whole stored files old enough are looked up: a partial file or a stranger's is never the sweep's.
  assert.deepEqual(asked.sort(), [named.file.name, orphan.file.name].sort());
});

test('a long upload asks for a young-generation collection every 2 MB, so spent socket buffers are freed as it goes', async () => {
  let collections = 0;
  const uploads = createUploadStore({
    dir: mkdtempSync(join(tmpdir(), 'myrecord-uploads-')),
    maxBytes: 20 * 1024 * 1024,
    collectYoung: () => collections++,
  });
  const size = 9 * 1024 * 1024;
  const bytes = pdf(size);
  const inChunks = Readable.from(
    (function* () {
      for (let i = 0; i < size; i += 65536) yield bytes.subarray(i, i + 65536);
    })(),
  );
  const result = await uploads.receive(inChunks, { signature: PDF_SIGNATURE });
  assert.ok(result.ok);
  assert.equal(result.file.size, size);
  assert.equal(collections, 4);
});
