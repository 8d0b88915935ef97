import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStatusChange, mayCancel, mayDeliverCopy, nextStaffStatuses } from './ill-status-flow.js';

const TODAY = '2026-12-03';
const none = { lender: '', dueDate: '', reason: '' };

test('a book goes submitted → sent → received → on loan → returned, and may be unfilled before it is received', () => {
  assert.deepEqual(nextStaffStatuses('book', 'submitted'), ['sent', 'unfilled']);
  assert.deepEqual(nextStaffStatuses('book', 'sent'), ['received', 'unfilled']);
  assert.deepEqual(nextStaffStatuses('book', 'received'), ['on_loan']);
  assert.deepEqual(nextStaffStatuses('book', 'on_loan'), ['returned']);
  for (const closed of ['returned', 'unfilled', 'cancelled', 'delivered'] as const)
    assert.deepEqual(nextStaffStatuses('book', closed), [], closed);
});

test('an article copy is sent, then delivered by its upload only (never received or on loan)', () => {
  assert.deepEqual(nextStaffStatuses('article', 'submitted'), ['sent', 'unfilled']);
  assert.deepEqual(nextStaffStatuses('article', 'sent'), ['unfilled']);
  assert.equal(mayDeliverCopy('article', 'sent'), true);
  assert.equal(mayDeliverCopy('article', 'submitted'), false);
  assert.equal(mayDeliverCopy('article', 'delivered'), false);
  assert.equal(mayDeliverCopy('book', 'sent'), false);
});

test('the patron may cancel only while the request is submitted', () => {
  assert.equal(mayCancel('submitted'), true);
  for (const status of ['sent', 'received', 'on_loan', 'returned', 'delivered', 'unfilled', 'cancelled'] as const)
    assert.equal(mayCancel(status), false, status);
});

test('sending needs the lending library', () => {
  const refused = checkStatusChange({ kind: 'book', status: 'submitted' }, { ...none, status: 'sent' }, TODAY);
  assert.deepEqual(refused, { ok: false, problems: [{ field: 'lender', code: 'LENDER_REQUIRED' }] });
  const done = checkStatusChange({ kind: 'book', status: 'submitted' }, { ...none, status: 'sent', lender: ' HKU Libraries ' }, TODAY);
  assert.deepEqual(done, { ok: true, change: { status: 'sent', lender: 'HKU Libraries', dueDate: null, reason: null } });
});

test("a book received needs the lender's due date, today or later, as a day of the calendar", () => {
  const at = { kind: 'book', status: 'sent' } as const;
  assert.deepEqual(checkStatusChange(at, { ...none, status: 'received' }, TODAY), {
    ok: false,
    problems: [{ field: 'due_date', code: 'DUE_DATE_REQUIRED' }],
  });
  assert.deepEqual(checkStatusChange(at, { ...none, status: 'received', dueDate: '2026-13-01' }, TODAY), {
    ok: false,
    problems: [{ field: 'due_date', code: 'DUE_DATE_MALFORMED' }],
  });
  assert.deepEqual(checkStatusChange(at, { ...none, status: 'received', dueDate: '2026-12-02' }, TODAY), {
    ok: false,
    problems: [{ field: 'due_date', code: 'DUE_DATE_PAST' }],
  });
  const done = checkStatusChange(at, { ...none, status: 'received', dueDate: '2027-01-15' }, TODAY);
  assert.ok(done.ok);
  assert.equal(done.change.dueDate, '2027-01-15');
});

test('unfilled needs a reason; a status that is not next is refused whatever else is given', () => {
  assert.deepEqual(checkStatusChange({ kind: 'article', status: 'sent' }, { ...none, status: 'unfilled', reason: '  ' }, TODAY), {
    ok: false,
    problems: [{ field: 'reason', code: 'REASON_REQUIRED' }],
  });
  assert.deepEqual(checkStatusChange({ kind: 'book', status: 'submitted' }, { ...none, status: 'returned' }, TODAY), {
    ok: false,
    problems: [{ field: 'status', code: 'STATUS_NOT_NEXT' }],
  });
  assert.deepEqual(checkStatusChange({ kind: 'book', status: 'received' }, { ...none, status: 'unfilled', reason: 'lost' }, TODAY), {
    ok: false,
    problems: [{ field: 'status', code: 'STATUS_NOT_NEXT' }],
  });
});
