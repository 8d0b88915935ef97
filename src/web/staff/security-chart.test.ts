import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityChart } from './security-chart.js';

const bucket = (startMs: number, successes: number, failures: number, refused: number) => ({
  startMs,
  successes,
  failures,
  refused,
  blocksStarted: 0,
  hardLimited: 0,
  resetRequests: 0,
});

test('each series is a line through every bucket, the highest figure at the top of the scale', () => {
  const chart = securityChart([bucket(0, 1, 10, 0), bucket(60_000, 2, 40, 5), bucket(120_000, 0, 0, 0)], 1);
  assert.deepEqual(
    chart.lines.map((l) => l.series),
    ['successes', 'failures', 'refused'],
  );
  const failures = chart.lines.find((l) => l.series === 'failures')!.d;
  assert.equal((failures.match(/[ML]/g) ?? []).length, 3, 'one point per bucket');
  // 40 failures is the highest figure: its point is at the top tick (the scale is made nice: 40).
  const top = chart.yTicks[chart.yTicks.length - 1]!;
  assert.equal(top.value, 40);
  assert.match(failures, new RegExp(`,${top.y}L`));
  assert.equal(chart.xTicks.length, 3);
});

test('a period with nothing in it still draws, on a scale from 0 to 1', () => {
  const chart = securityChart([bucket(0, 0, 0, 0), bucket(1, 0, 0, 0)], 1);
  assert.deepEqual(
    chart.yTicks.map((t) => t.value),
    [0, 1],
  );
  assert.ok(chart.lines.every((l) => l.d.startsWith('M')));
});
