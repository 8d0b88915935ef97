/**
 * The floor under the deposit upload's rate on this machine: the same multipart body sent the same
 * way (uploadFile) to a bare Node HTTP server in a process of its own that only writes the body to a
 * new file (no Express, no session, no busboy, no hash). It is compared with the disk copy in the same
 * alternating rounds as the real upload (againstDiskCopy), so the benchmark can tell apart what the
 * machine's loopback and second process cost (this figure) from what the portal's upload path adds
 * (the deposit's rate over this one).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { againstDiskCopy, uploadFile } from './ill-upload.js';

const SINK = `
const http = require('node:http');
const { createWriteStream, rm } = require('node:fs');
const { pipeline } = require('node:stream');
let n = 0;
const server = http.createServer((req, res) => {
  const file = process.argv[1] + '-' + process.pid + '-' + n++ + '.body';
  pipeline(req, createWriteStream(file), (err) => {
    res.statusCode = err ? 500 : 303;
    res.end();
    // After the answer, so the rate timed is the write alone; the portal removes a replaced file too.
    rm(file, { force: true }, () => undefined);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

export async function measureUploadFloor(options: { dir: string; file: string; size: number; nodeFlags: string[]; rounds: number }) {
  const child = spawn(process.execPath, [...options.nodeFlags, '-e', SINK, join(options.dir, 'sink')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const url = `http://127.0.0.1:${line.toString().trim()}`;
    return await againstDiskCopy({
      pid: child.pid!,
      dir: options.dir,
      file: options.file,
      size: options.size,
      rounds: options.rounds,
      upload: () => uploadFile(url, '/', '', 'none', options.file),
    });
  } finally {
    child.kill();
  }
}
