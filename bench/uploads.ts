/**
 * Section 7 of `npm run bench`: 50 MB uploads — an interlibrary loan copy by ILL staff and a deposit
 * by a postgraduate — each streamed and never held whole, against copying the file on disk, and
 * the floor under them: the same body to a bare Node server that only writes it.
 */
import { measureIllUpload } from './ill-upload.js';
import { measureDepositUpload } from './deposit-upload.js';
import { measureUploadFloor } from './upload-floor.js';
import { serverNodeFlags } from './bench-server.js';
import type { RecordFigure } from './figures.js';

export async function measureUploads(o: {
  url: string;
  pid: number;
  dir: string;
  env: NodeJS.ProcessEnv & { DATABASE_FILE: string };
  depositor: { barcode: string; pin: string };
  record: RecordFigure;
}): Promise<void> {
  const { record } = o;
  // 7. A 50 MB interlibrary loan copy uploaded by ILL staff: streamed, never held whole.
  const upload = await measureIllUpload({ url: o.url, pid: o.pid, databaseFile: o.env.DATABASE_FILE, dir: o.dir, env: o.env });
  record(
    'resident memory growth during a 50 MB upload (MB)',
    upload.rssGrowthMb,
    'RSS growth < 20 MB',
    upload.rssGrowthMb < 20,
    `${upload.rssBeforeMb.toFixed(0)} MB → peak ${upload.rssPeakMb.toFixed(0)} MB`,
  );
  record(
    '50 MB upload rate ÷ copying the file on disk',
    upload.rateRatio,
    'reported',
    true,
    `${upload.uploadMbPerSecond.toFixed(0)} MB/s (${upload.uploadSeconds.toFixed(2)} s) vs ${upload.copyMbPerSecond.toFixed(0)} MB/s on disk`,
  );
  // 7b. A 50 MB research archive deposit uploaded by a postgraduate: the same two figures, and the
  // rate within 2× of the disk copy (the goal set for uploads).
  const deposit = await measureDepositUpload({
    url: o.url,
    pid: o.pid,
    databaseFile: o.env.DATABASE_FILE,
    dir: o.dir,
    patron: o.depositor,
  });
  record(
    'resident memory growth during a 50 MB deposit upload (MB)',
    deposit.rssGrowthMb,
    'RSS growth < 20 MB',
    deposit.rssGrowthMb < 20,
    `${deposit.rssBeforeMb.toFixed(0)} MB → peak ${deposit.rssPeakMb.toFixed(0)} MB`,
  );
  record(
    '50 MB deposit upload rate ÷ copying the file on disk',
    deposit.rateRatio,
    '≥ 0.5 (within 2×)',
    deposit.rateRatio >= 0.5,
    `${deposit.uploadMbPerSecond.toFixed(0)} MB/s (${deposit.uploadSeconds.toFixed(2)} s) vs ${deposit.copyMbPerSecond.toFixed(0)} MB/s on disk`,
  );
  // 7c. The machine's floor under that rate: the same body to a bare server that only writes it.
  const floor = await measureUploadFloor({
    dir: o.dir,
    file: deposit.file,
    size: deposit.sizeMb * 1024 * 1024,
    nodeFlags: serverNodeFlags(),
    rounds: deposit.rounds,
  });
  record(
    '50 MB body to a bare Node server writing it ÷ copying the file on disk',
    floor.rateRatio,
    'reported (the floor)',
    true,
    `${floor.uploadMbPerSecond.toFixed(0)} MB/s vs ${floor.copyMbPerSecond.toFixed(0)} MB/s on disk`,
  );
  record(
    '50 MB deposit upload rate ÷ the bare server’s rate',
    deposit.uploadMbPerSecond / floor.uploadMbPerSecond,
    'reported (what the portal adds)',
    true,
    `${deposit.uploadMbPerSecond.toFixed(0)} vs ${floor.uploadMbPerSecond.toFixed(0)} MB/s`,
  );
}
