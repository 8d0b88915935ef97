import { test } from 'node:test';
import { asDatabase } from '../../db/engine/sqlite-database.js';
import assert from 'node:assert/strict';
import { openDatabase } from '../engine/connection.js';
import { migrate } from '../engine/migrate.js';
import { createStatusHistoryRepo } from './status-history-repo.js';

test('a history lists every step oldest first, with who, why and the note, apart for each subject', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  db.prepare("INSERT INTO staff (id, username, password_hash, password_changed_at, created_at) VALUES (7, 'm.chan', 'x', 0, 0)").run();
  const history = createStatusHistoryRepo(asDatabase(db));
  history.record({ subject: 'recommendation', subjectId: 1, status: 'submitted', atMs: 10 });
  history.record({ subject: 'ill', subjectId: 1, status: 'submitted', atMs: 11 });
  history.record({ subject: 'recommendation', subjectId: 1, status: 'rejected', atMs: 20, staffId: 7, reason: 'price', note: 'HK$2,000 <b>' });
  assert.deepEqual(history.of('recommendation', 1), [
    { status: 'submitted', atMs: 10, staffUsername: null, reason: null, note: null },
    { status: 'rejected', atMs: 20, staffUsername: 'm.chan', reason: 'price', note: 'HK$2,000 <b>' },
  ]);
  const many = history.ofMany('ill', [1, 2]);
  assert.equal(many.get(1)?.length, 1);
  assert.deepEqual(many.get(2), []);
  assert.deepEqual([...history.ofMany('ill', []).keys()], []);
});
