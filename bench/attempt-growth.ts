/** Section 5 of `npm run bench`: login latency with 1,000,000 recorded attempts against 1,000. */
import Database from 'better-sqlite3';
import { createClient, login, percentile } from './http-client.js';
import { barcodeOf, defaultPinOf, type RecordFigure } from './figures.js';

export async function measureAttemptGrowth(o: { url: string; databaseFile: string; record: RecordFigure }): Promise<void> {
  const { record } = o;
  const db = new Database(o.databaseFile);
  db.pragma('busy_timeout = 5000');
  const measured = 1;
  const loginLatency = async () => {
    // Fresh sockets: filling the table blocks this process for seconds, long enough for the server
    // to close idle keep-alive sockets that the old agent would still try to reuse.
    const fresh = createClient(o.url, 8);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const status = await login(fresh, barcodeOf(measured), defaultPinOf(measured));
      if (status !== 303) throw new Error(`the measured login answered ${status}`);
      times.push(performance.now() - t0);
    }
    fresh.close();
    return percentile(times, 50);
  };
  const fill = (count: number) => {
    const insert = db.prepare('INSERT INTO login_attempts (barcode, at_ms, outcome, client_address, count) VALUES (?, ?, ?, ?, 1)');
    const now = Date.now();
    const outcomes = ['success', 'failure', 'failure', 'blocked'];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        // Older than any window, a tenth on the measured barcode and address, the rest spread wide.
        const onMeasured = i % 10 === 0;
        insert.run(
          onMeasured ? barcodeOf(measured) : barcodeOf(i % 100_000),
          now - 15 * 60_000 - (i % 7_000_000_000),
          outcomes[i % 4],
          onMeasured ? '127.0.0.1' : `10.${i % 250}.${(i >> 8) % 250}.1`,
        );
      }
    })();
  };
  db.prepare('DELETE FROM login_attempts').run();
  fill(1000);
  const withThousand = await loginLatency();
  fill(999_000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const withMillion = await loginLatency();
  db.close();
  record(
    'login latency with 1,000,000 attempts ÷ with 1,000',
    withMillion / withThousand,
    '≤ 1.25',
    withMillion / withThousand <= 1.25,
    `${withMillion.toFixed(1)} ms vs ${withThousand.toFixed(1)} ms (medians)`,
  );
}
