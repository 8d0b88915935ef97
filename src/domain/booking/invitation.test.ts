import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barcodeEnd, cancelledByDecline, checkAnswer, memberAsShown, type AnswerFacts } from './invitation.js';

const MIN = 60_000;
const start = Date.parse('2026-12-01T06:00:00Z');
const before = start - 60 * MIN;
const facts = (over: Partial<AnswerFacts> = {}): AnswerFacts => ({
  now: before,
  state: 'invited',
  booking: { status: 'booked', startsAt: start, endsAt: start + 120 * MIN },
  busyWith: null,
  ...over,
});

test('an invited member is shown by the last 4 characters of his barcode only; his name once he accepts; the end again after declining', () => {
  assert.equal(barcodeEnd('41200007'), '…0007');
  assert.equal(memberAsShown({ barcode: '41200007', name: 'Tse Ka Ho', state: 'invited' }), '…0007');
  assert.equal(memberAsShown({ barcode: '41200007', name: 'Tse Ka Ho', state: 'accepted' }), 'Tse Ka Ho');
  assert.equal(memberAsShown({ barcode: '41200007', name: 'Tse Ka Ho', state: 'declined' }), '…0007');
});

test('an invitation is accepted or declined while the booking holds its slots and is not over', () => {
  assert.deepEqual(checkAnswer('accept', facts()), { kind: 'ok', state: 'accepted' });
  assert.deepEqual(checkAnswer('decline', facts()), { kind: 'ok', state: 'declined' });
  assert.deepEqual(checkAnswer('accept', facts({ now: start + 30 * MIN, booking: { ...facts().booking, status: 'checked_in' } })), {
    kind: 'ok',
    state: 'accepted',
  });
  for (const status of ['cancelled', 'no_show'] as const)
    assert.deepEqual(checkAnswer('accept', facts({ booking: { ...facts().booking, status } })), { kind: 'closed' });
  assert.deepEqual(checkAnswer('decline', facts({ now: start + 120 * MIN })), { kind: 'closed' }, 'over');
});

test('declining after accepting leaves the booking; declined is final; answering twice changes nothing', () => {
  assert.deepEqual(checkAnswer('decline', facts({ state: 'accepted' })), { kind: 'ok', state: 'declined' });
  assert.deepEqual(checkAnswer('accept', facts({ state: 'declined' })), { kind: 'closed' });
  assert.deepEqual(checkAnswer('accept', facts({ state: 'accepted' })), { kind: 'unchanged', state: 'accepted' });
  assert.deepEqual(checkAnswer('decline', facts({ state: 'declined' })), { kind: 'unchanged', state: 'declined' });
});

test('accepting is refused while he holds another facility then, naming it; declining never is', () => {
  const busyWith = { facility: 'Single Study Room 410', from: start, to: start + 60 * MIN, asMember: true };
  assert.deepEqual(checkAnswer('accept', facts({ busyWith })), { kind: 'busy', ...busyWith });
  assert.deepEqual(checkAnswer('decline', facts({ busyWith })), { kind: 'ok', state: 'declined' });
});

test('a decline before the start that leaves fewer people than the minimum cancels the booking; the booker and members not declined count', () => {
  const decided = (states: Array<'invited' | 'accepted' | 'declined'>, over: { now?: number; status?: 'booked' | 'checked_in' } = {}) =>
    cancelledByDecline({
      now: over.now ?? before,
      capacityMin: 3,
      booking: { status: over.status ?? 'booked', startsAt: start },
      states,
    });
  assert.equal(decided(['accepted', 'invited', 'declined']), false, 'booker + accepted + invited = 3');
  assert.equal(decided(['accepted', 'declined']), true, 'booker + 1 = 2 < 3');
  assert.equal(decided(['declined', 'declined']), true);
  assert.equal(decided(['accepted', 'declined'], { now: start }), false, 'from the start on, the room is in use');
  assert.equal(decided(['accepted', 'declined'], { now: start + MIN, status: 'checked_in' }), false);
});
