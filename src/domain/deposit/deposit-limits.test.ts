import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteUntouchedSince,
  deletionAt,
  mayOpenDraft,
  MB,
  storageRoom,
  usageOf,
  usedMb,
  warnedLongEnoughBy,
  warnUntouchedSince,
} from './deposit-limits.js';

const DAY = 86_400_000;
const rules = { mayDeposit: true, embargoMaxYears: 3, draftsAllowed: 5, storageMb: 200 };

test('a draft may be opened below the limit, not at it', () => {
  assert.equal(mayOpenDraft(usageOf(rules, 4, 0)), true);
  assert.equal(mayOpenDraft(usageOf(rules, 5, 0)), false);
  assert.equal(mayOpenDraft(usageOf({ ...rules, draftsAllowed: 0 }, 0, 0)), false);
});

test('the room for a file is what is left of the storage, counting the file it replaces as freed, never below 0', () => {
  assert.equal(storageRoom(usageOf(rules, 1, 0), 0), 200 * MB);
  assert.equal(storageRoom(usageOf(rules, 1, 150 * MB), 0), 50 * MB);
  assert.equal(storageRoom(usageOf(rules, 1, 150 * MB), 30 * MB), 80 * MB);
  assert.equal(storageRoom(usageOf({ ...rules, storageMb: 100 }, 1, 150 * MB), 0), 0);
});

test('MB used are rounded up: a byte over a whole MB shows the next', () => {
  assert.equal(usedMb(usageOf(rules, 0, 0)), 0);
  assert.equal(usedMb(usageOf(rules, 0, 1)), 1);
  assert.equal(usedMb(usageOf(rules, 0, 12 * MB)), 12);
  assert.equal(usedMb(usageOf(rules, 0, 12 * MB + 1)), 13);
});

test('a draft is warned 14 days before its days are up, and deleted no sooner than 14 days after the warning', () => {
  const now = 1_000 * DAY;
  assert.equal(warnUntouchedSince(now, 90), now - 76 * DAY);
  assert.equal(deleteUntouchedSince(now, 90), now - 90 * DAY);
  assert.equal(warnedLongEnoughBy(now), now - 14 * DAY);
  // Warned on time: deleted when its days are up.
  assert.equal(deletionAt(0, 76 * DAY, 90), 90 * DAY);
  // Warned late (housekeeping stopped): 14 days after the warning.
  assert.equal(deletionAt(0, 85 * DAY, 90), 99 * DAY);
});
