import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyExpiresAt, copyState } from './copy-download.js';

const DAY = 86_400_000;
const limits = { copyDownloads: 5, copyDays: 30 };
const delivered = { fileName: 'f.pdf', size: 10, sha256: 'ab', deliveredAt: 1_000 * DAY, downloads: 0, fileDeletedAt: null };

test('a new copy may be downloaded 5 times, until 30 days after its delivery', () => {
  assert.deepEqual(copyState(delivered, limits, delivered.deliveredAt), {
    kind: 'available',
    left: 5,
    untilMs: delivered.deliveredAt + 30 * DAY,
  });
  assert.deepEqual(copyState({ ...delivered, downloads: 4 }, limits, delivered.deliveredAt + DAY), {
    kind: 'available',
    left: 1,
    untilMs: copyExpiresAt(delivered.deliveredAt, limits),
  });
});

test('after the fifth download the copy is used up, even within its days', () => {
  assert.deepEqual(copyState({ ...delivered, downloads: 5, fileName: null, fileDeletedAt: 2 }, limits, delivered.deliveredAt + DAY), {
    kind: 'used-up',
    downloads: 5,
  });
});

test('30 days after delivery the copy has expired, to the millisecond', () => {
  const until = delivered.deliveredAt + 30 * DAY;
  assert.equal(copyState(delivered, limits, until - 1).kind, 'available');
  assert.deepEqual(copyState(delivered, limits, until), { kind: 'expired', untilMs: until });
});

test('a copy whose file was deleted is not available, whatever its count', () => {
  assert.equal(
    copyState({ ...delivered, downloads: 2, fileDeletedAt: delivered.deliveredAt + DAY }, limits, delivered.deliveredAt + 2 * DAY).kind,
    'expired',
  );
});
