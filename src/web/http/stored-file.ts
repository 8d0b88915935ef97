import type { FileHandle } from 'node:fs/promises';
import type { Response } from 'express';

/**
 * Sends a file from the upload store: a deposit's PDF or an interlibrary loan copy. An upload is
 * checked by its first five bytes only, so what we call a PDF may hold HTML or script that a browser
 * could be talked into running with the portal's origin (and its cookies). Every such answer is
 * therefore sandboxed by its Content-Security-Policy (a unique origin, no script, no forms, no
 * plugins of its own) on top of the page policy, and never sniffed for another type.
 *
 * And it is always a download (attachment), never shown in the page: Chrome will not start its PDF
 * viewer in a sandboxed document ("This page has been blocked"), so an inline PDF with the sandbox
 * would show readers nothing. Downloaded, the file opens in the reader's PDF viewer, outside our origin.
 */
export function sendStoredFile(res: Response, file: { handle: FileHandle; size: number }, what: { type: string; filename: string }): void {
  const pagePolicy = res.get('Content-Security-Policy');
  res.set({
    'Content-Type': what.type,
    'Content-Length': String(file.size),
    'Content-Disposition': `attachment; filename="${what.filename}"`,
    'Content-Security-Policy': pagePolicy ? `sandbox; ${pagePolicy}` : 'sandbox',
    'X-Content-Type-Options': 'nosniff',
  });
  const stream = file.handle.createReadStream();
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
