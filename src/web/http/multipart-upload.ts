/**
 * Reading a multipart upload (busboy), in the order the form sends it: the `_csrf` field first,
 * then the file. The global CSRF check lets these requests through (their body is not parsed
 * then), so the token is checked here, before a byte of the file is read: a missing or bad token
 * ends the upload with nothing written. The session and role were checked by the route's guards
 * before this is called. The file is handed on as a stream (never buffered whole); whatever is
 * left of the body afterwards is read and dropped, so the client can read the answer.
 * A form may carry text fields of its own between the token and the file (a deposit's description
 * typed on the same page as its PDF is chosen): the ones named in `fields` are kept, as the form
 * sent them, and handed over with the file, or with `no-file` when none was chosen.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { UPLOAD_BUFFER_BYTES } from '../../services/uploads/upload-store.js';

/** Room for the boundary lines, the part headers and the `_csrf` field around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** After an upload was refused, at most this much more of its body is read (and dropped) before the connection is closed. */
const DRAIN_MAX_BYTES = 1024 * 1024;

/** The named text fields as sent: a field sent twice is a list (form-fields.ts refuses it). */
export type UploadFields = Record<string, string | string[]>;

export type UploadOutcome<T> =
  /** The file was handed to `onFile`, which answered this. */
  | { kind: 'handled'; value: T }
  /** No `_csrf` field before the file, or not a valid token: nothing was read of the file. */
  | { kind: 'csrf' }
  /** The form came without a file, or with an empty file field (nothing chosen); its text fields. */
  | { kind: 'no-file'; fields: UploadFields }
  /** Content-Length says the body is over the limit: refused before reading it. */
  | { kind: 'too-large' }
  /** Not multipart/form-data, or not well formed. */
  | { kind: 'malformed' };

/** Reads and drops what the client still sends, up to a point; then closes the connection. */
function dropRest(req: Request): void {
  if (req.complete) return;
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_MAX_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

export function readUpload<T>(
  req: Request,
  options: {
    fileField: string;
    maxBytes: number;
    validToken: (token: string) => boolean;
    onFile: (file: Readable, fields: UploadFields) => Promise<T>;
    /** Text fields to keep, each with the most characters read of it (a longer one arrives cut, still too long). */
    fields?: Readonly<Record<string, number>>;
  },
): Promise<UploadOutcome<T>> {
  const { fileField, maxBytes, validToken, onFile } = options;
  const wanted = options.fields ?? {};
  const names = Object.keys(wanted);
  // UTF-8 takes at most 4 bytes a character: a value cut at 4 bytes a character past its limit is still over it.
  const fieldBytes = Math.max(1024, ...names.map((name) => (wanted[name]! + 1) * 4));
  const textBytes = names.reduce((sum, name) => sum + (wanted[name]! + 1) * 4, 0);
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES + textBytes) {
      dropRest(req);
      return resolve({ kind: 'too-large' });
    }
    // A urlencoded body was parsed already (and its token checked by the global check): no file came.
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
      dropRest(req);
      return resolve({ kind: 'malformed' });
    }
    let parser: busboy.Busboy;
    try {
      // The token, the named fields (room for each sent twice, to be refused) and one file; a file one
      // byte over the limit is enough to know it is too large.
      const fieldCount = 1 + names.length * 2;
      parser = busboy({
        headers: req.headers,
        fileHwm: UPLOAD_BUFFER_BYTES,
        limits: { fields: fieldCount, files: 1, parts: fieldCount + 1, fieldSize: fieldBytes, fileSize: maxBytes + 1, headerPairs: 20 },
      });
    } catch {
      dropRest(req);
      return resolve({ kind: 'malformed' });
    }
    let csrfChecked = false;
    let tokenValid = false;
    const fields: UploadFields = {};
    let handling: Promise<void> | undefined;
    let done = false;
    const finish = (outcome: UploadOutcome<T>) => {
      if (done) return;
      done = true;
      req.unpipe(parser);
      dropRest(req);
      resolve(outcome);
    };

    parser.on('field', (name, value) => {
      if (name === '_csrf' && !csrfChecked) {
        csrfChecked = true;
        tokenValid = validToken(value);
        return;
      }
      // Kept only behind a valid token, and only those asked for.
      if (!tokenValid || !Object.hasOwn(wanted, name)) return;
      const earlier = fields[name];
      fields[name] = earlier === undefined ? value : [earlier, value].flat();
    });
    parser.on('file', (name, file, info) => {
      if (!tokenValid) {
        file.resume();
        return finish({ kind: 'csrf' });
      }
      if (name !== fileField || handling || !info.filename) {
        file.resume();
        return;
      }
      handling = onFile(file, { ...fields }).then(
        (value) => {
          // The service may answer without reading the file (the request cannot take a copy now).
          file.resume();
          finish({ kind: 'handled', value });
        },
        () => finish({ kind: 'malformed' }),
      );
    });
    parser.on('close', () => {
      if (!handling) finish(tokenValid ? { kind: 'no-file', fields } : { kind: 'csrf' });
    });
    parser.on('error', () => {
      // A file being stored ends in an error too, and the store removes it; its answer is awaited.
      if (!handling) finish(tokenValid ? { kind: 'malformed' } : { kind: 'csrf' });
    });
    // The client gone mid-way: the file being stored ends in an error, and the store removes it.
    req.on('close', () => {
      if (!req.complete && !done) parser.destroy(new Error('the upload was interrupted'));
    });
    req.pipe(parser);
  });
}
