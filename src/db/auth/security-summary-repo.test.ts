import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, TEST_DIALECTS } from '../../test-support/databases.js';
import { createSecuritySummaryRepo, HOUR_MS, TOP_PER_HOUR } from './security-summary-repo.js';

const HOUR = Date.UTC(2026, 11, 4, 8);

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a spray over hundreds of barcodes keeps at most 25 rows an hour, and the barcode tried most stays first with its exact count`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const summary = createSecuritySummaryRepo(database);
    for (let i = 0; i < 500; i++) {
      summary.failure(HOUR + i * 1000, `29${String(i).padStart(6, '0')}`, '203.0.113.9');
      if (i % 10 === 0) summary.failure(HOUR + i * 1000, '21000003', '198.51.100.7');
    }
    assert.equal(database.statement(() => sql<{ n: number }>`SELECT count(*) AS n FROM attempt_top_failures WHERE kind = 'key'`).pluck().get(), TOP_PER_HOUR);
    const [first] = summary.top('key', HOUR, HOUR + HOUR_MS, 3);
    assert.deepEqual(first, { value: '21000003', failures: 50 });
    assert.deepEqual(summary.top('address', HOUR, HOUR + HOUR_MS, 2), [
      { value: '203.0.113.9', failures: 500 },
      { value: '198.51.100.7', failures: 50 },
    ]);
    assert.equal(summary.failuresSince(HOUR), 550);
  });

  test(`${dialect}: buckets sum the minutes of each hour; housekeeping deletes what is past retention`, (t) => {
    const { database, drop } = openTestDatabase(dialect);
    t.after(drop);
    const summary = createSecuritySummaryRepo(database);
    summary.success(HOUR + 60_000);
    summary.refused(HOUR + 120_000);
    summary.refused(HOUR + HOUR_MS + 5);
    summary.blockStarted(HOUR + 3);
    assert.deepEqual(
      summary.buckets(HOUR, HOUR + 2 * HOUR_MS, HOUR_MS).map((b) => [b.startMs, b.successes, b.refused, b.blocksStarted]),
      [
        [HOUR, 1, 1, 1],
        [HOUR + HOUR_MS, 0, 1, 0],
      ],
    );
    summary.deleteOlderThan(HOUR + HOUR_MS);
    assert.equal(summary.buckets(HOUR, HOUR + 2 * HOUR_MS, HOUR_MS).length, 1);
  });
}
