// test-runs-alone: it compares response times, which other test files running beside it would disturb.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPortal, TestBrowser } from '../../test-support/test-portal.js';

const TRIES = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The page as an observer compares it: without its CSRF token and the barcode the visitor typed. */
function comparable(html: string, barcode: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, '').replaceAll(barcode, '{barcode}');
}

test('a wrong PIN on a known barcode and any PIN on an unknown one: same status, same page, medians within 15% over 200 tries each', async () => {
  // Blocks are kept out of the way (the clock moves a minute between tries) so that each try checks a PIN.
  const portal = await startTestPortal({ HARD_LOCK_FAILURES: '0', ADDRESS_MAX_FAILURES: '0' }, { bcryptCost: 6 });
  try {
    const known = new TestBrowser(portal.url);
    const unknown = new TestBrowser(portal.url);
    await known.get('/login');
    await unknown.get('/login');
    const times = { known: [] as number[], unknown: [] as number[] };
    let knownPage = '';
    let unknownPage = '';
    // Interleaved, so that the machine's changing load falls on both alike.
    for (let i = 0; i < TRIES * 2; i++) {
      portal.clock.advance(61_000);
      const isKnown = i % 2 === Math.floor(i / 2) % 2;
      const [browser, barcode] = isKnown ? [known, '21000002'] : [unknown, '39999999'];
      const started = process.hrtime.bigint();
      const answer = await browser.post('/login', { barcode, pin: 'WRONG1' });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      assert.equal(answer.status, 401);
      if (isKnown) {
        times.known.push(elapsed);
        knownPage = comparable(answer.text, barcode);
      } else {
        times.unknown.push(elapsed);
        unknownPage = comparable(answer.text, barcode);
      }
    }
    assert.equal(knownPage, unknownPage);
    const [a, b] = [median(times.known), median(times.unknown)];
    assert.ok(Math.abs(a - b) / Math.min(a, b) <= 0.15, `medians ${a.toFixed(2)} ms (known) and ${b.toFixed(2)} ms (unknown)`);
  } finally {
    await portal.close();
  }
});
