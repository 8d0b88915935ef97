import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'kysely';
import { openTestDatabase, TEST_DIALECTS } from '../../test-support/databases.js';
import { nodeArgs } from '../../test-support/node-entry.js';

/** A gate in a process of its own, ready to make `attempts` wrong attempts when told to. */
async function startGate(url: string, key: string, attempts: number) {
  const child = spawn(process.execPath, nodeArgs('src/test-support/gate-process.ts'), {
    env: { ...process.env, GATE_DATABASE_URL: url, GATE_KEY: key, GATE_ATTEMPTS: String(attempts) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  while (!output.includes('ready')) await once(child.stdout, 'data');
  return {
    go: () => child.stdin.write('go\n'),
    async checked(): Promise<number> {
      await once(child, 'exit');
      return Number(/checked (\d+)/.exec(output)?.[1]);
    },
  };
}

if (TEST_DIALECTS.includes('postgres')) {
  test('postgres: two processes on one database, fifty concurrent wrong attempts check at most five PINs', async () => {
    const { database, url, drop } = openTestDatabase('postgres');
    try {
      const gates = [await startGate(url!, '21000001', 25), await startGate(url!, '21000001', 25)];
      for (const gate of gates) gate.go();
      const checked = await Promise.all(gates.map((gate) => gate.checked()));
      assert.equal(checked[0]! + checked[1]!, 5, `checked ${checked.join(' + ')}`);
      const outcomes = database
        .statement(
          () => sql<{ outcome: string; n: number }>`
        SELECT outcome, SUM(count) AS n FROM login_attempts WHERE barcode = '21000001' GROUP BY outcome ORDER BY outcome`,
        )
        .all();
      assert.deepEqual(outcomes, [
        { outcome: 'blocked', n: 45 },
        { outcome: 'failure', n: 5 },
      ]);
    } finally {
      drop();
    }
  });
}
