/**
 * Uploaded files (interlibrary loan copies, research archive deposits), streamed to
 * UPLOAD_DIR and never held whole in memory. Each file is named by a random id
 * (crypto.randomUUID), never by what the client called it, so no name can reach outside the
 * folder. While the bytes pass, their SHA-256 and size are computed and the first bytes are
 * checked against the kind expected (a PDF begins "%PDF-"). The file is written as `<id>.part`
 * and renamed to `<id>` only once complete and checked: any failure (too large, not a PDF, the
 * client gone mid-way) removes what was written, so nothing is left behind but whole files.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * How many bytes of an upload each stage (the multipart parser's file stream, the check, the file
 * being written) may hold before it asks the one before it to wait. Node's default (16 KB, less than
 * one 64 KB socket read) makes every chunk wait for its own write, so the socket and the disk take
 * turns; with 512 KB, the chunks that arrive while a write is under way go to the disk together in one
 * writev. A few such buffers of an upload are in memory at once, never the file. (1 MB was measured
 * too: more of an upload survives each young collection below, and the full collections that follow
 * cost more than the larger writes save.)
 */
export const UPLOAD_BUFFER_BYTES = 512 * 1024;

/**
 * After every this many bytes the store asks V8 for a young-generation collection (`defaultCollectYoung` says why).
 */
export const COLLECT_YOUNG_EVERY_BYTES = 2 * 1024 * 1024;

/**
 * Node reads an upload into a new 64 KB buffer per socket read: 800 buffers for 50 MB, each garbage as
 * soon as it is written. Only the buffers' small JavaScript objects count for V8's young generation,
 * so on its own V8 collects rarely, and tens of MB of spent buffers stay resident until a full
 * collection, which the server's flags make infrequent on purpose (README "Benchmarks"). A young
 * collection every few MB frees them for well under a millisecond each. `globalThis.gc` exists only
 * when Node runs with `--expose-gc`, as `npm start` does; elsewhere nothing is asked.
 */
function defaultCollectYoung(): void {
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}

/** What a PDF file begins with. */
export const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

export interface StoredFile {
  /** The random id it is kept under in the folder. */
  name: string;
  size: number;
  /** Hex, lower case. */
  sha256: string;
}

export type UploadFailure =
  /** More bytes than the limit: cut off there. */
  | 'too-large'
  /** The first bytes are not the signature expected. */
  | 'wrong-kind'
  | 'empty'
  /** The stream ended in an error (the client went away, the disk is full). */
  | 'interrupted';

export type ReceiveResult = { ok: true; file: StoredFile } | { ok: false; failure: UploadFailure };

/** A stored file's name: a UUID, as randomUUID makes it. Anything else never names a file here. */
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class UploadStopped extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure);
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>;

export function createUploadStore(deps: { dir: string; maxBytes: number; collectYoung?: () => void }) {
  const dir = resolve(deps.dir);
  const { maxBytes } = deps;
  const collectYoung = deps.collectYoung ?? defaultCollectYoung;

  function pathOf(name: string): string {
    if (!STORED_NAME.test(name)) throw new Error('not the name of a stored file');
    return join(dir, name);
  }

  /** Counts, hashes and checks the bytes as they pass, and stops the stream at the first one too many. */
  function checking(signature: Buffer | null, limit: number) {
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const transform = new Transform({
      highWaterMark: UPLOAD_BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, done) {
        const before = size;
        size += chunk.length;
        if (Math.floor(size / COLLECT_YOUNG_EVERY_BYTES) > Math.floor(before / COLLECT_YOUNG_EVERY_BYTES)) collectYoung();
        if (size > limit) return done(new UploadStopped('too-large'));
        if (signature && head.length < signature.length) {
          head = Buffer.concat([head, chunk.subarray(0, signature.length - head.length)]);
          if (!signature.subarray(0, head.length).equals(head)) return done(new UploadStopped('wrong-kind'));
        }
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        if (size === 0) return done(new UploadStopped('empty'));
        if (signature && head.length < signature.length) return done(new UploadStopped('wrong-kind'));
        done();
      },
    });
    return { transform, result: () => ({ size, sha256: hash.digest('hex') }) };
  }

  return {
    dir,
    maxBytes,

    /**
     * Streams `source` into a new file. Resolves with the file once complete and checked, or with
     * why not (and nothing left in the folder). `source` is not read further after a failure.
     * `maxBytes` lowers the store's limit for this file (what is left of a patron's storage), so a
     * file that will be refused is cut off there rather than written whole first.
     */
    async receive(source: Readable, options: { signature?: Buffer; maxBytes?: number } = {}): Promise<ReceiveResult> {
      // Made at the first upload, not at start: a portal that never takes a file leaves no folder.
      // Synchronously, so that the pipeline below is listening before the source can fail.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const name = randomUUID();
      const partial = join(dir, `${name}.part`);
      const check = checking(options.signature ?? null, Math.min(maxBytes, options.maxBytes ?? maxBytes));
      try {
        await pipeline(
          source,
          check.transform,
          createWriteStream(partial, { flags: 'wx', mode: 0o600, highWaterMark: UPLOAD_BUFFER_BYTES }),
        );
        await rename(partial, join(dir, name));
        return { ok: true, file: { name, ...check.result() } };
      } catch (err) {
        await rm(partial, { force: true });
        if (err instanceof UploadStopped) return { ok: false, failure: err.failure };
        return { ok: false, failure: 'interrupted' };
      }
    },

    /** A stored file, opened: it can still be read after the file is removed. Refuses a name that is not one of ours. */
    async openHandle(name: string): Promise<FileHandle> {
      return open(pathOf(name), 'r');
    },

    async remove(name: string): Promise<void> {
      await rm(pathOf(name), { force: true });
    },

    /**
     * Removes what uploads cut short by a stopped process left (`<id>.part`, never recorded), once
     * older than `maxAgeMs`: an upload in progress now is left alone. Returns how many.
     */
    async sweepPartials(now: number, maxAgeMs: number): Promise<number> {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.endsWith('.part')) continue;
        const path = join(dir, name);
        const modified = await stat(path).then(
          (s) => s.mtimeMs,
          () => now,
        );
        if (now - modified < maxAgeMs) continue;
        await rm(path, { force: true });
        removed++;
      }
      return removed;
    },

    /**
     * Removes stored files that no row names (`isNamed` is asked of each), once older than
     * `graceMs`: what a server stopped between storing a file and recording it, or between recording
     * a replacement and deleting the file it replaced, left behind. An upload being recorded now is
     * younger than the grace period and is left alone. Returns how many.
     */
    async sweepOrphans(now: number, graceMs: number, isNamed: (name: string) => boolean): Promise<number> {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!STORED_NAME.test(name)) continue;
        const path = join(dir, name);
        const modified = await stat(path).then(
          (s) => s.mtimeMs,
          () => now,
        );
        if (now - modified < graceMs || isNamed(name)) continue;
        await rm(path, { force: true });
        removed++;
      }
      return removed;
    },

    /** The files in the folder (for tests, and for checking that nothing was left behind). */
    async list(): Promise<string[]> {
      return (await readdir(dir).catch(() => [])).sort();
    },
  };
}
