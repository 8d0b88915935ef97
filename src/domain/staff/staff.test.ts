import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasRole, normaliseUsername, parseRoles, staffAttemptKey, staffPasswordProblem } from './staff.js';

test("a staff password needs at least 12 characters and fits bcrypt's 72 bytes", () => {
  assert.equal(staffPasswordProblem('short-pass1'), 'PASSWORD_TOO_SHORT');
  assert.equal(staffPasswordProblem('twelve-chars'), undefined);
  assert.equal(staffPasswordProblem('圖書館圖書館圖書館圖書館'), undefined);
  assert.equal(staffPasswordProblem('x'.repeat(73)), 'PASSWORD_TOO_LONG');
});

test('usernames are trimmed and lower-cased; other characters are refused', () => {
  assert.equal(normaliseUsername('  M.Chan '), 'm.chan');
  assert.equal(normaliseUsername('a'), undefined);
  assert.equal(normaliseUsername('chan tai man'), undefined);
});

test('staff attempts are keyed apart from barcodes, which are letters and digits only', () => {
  assert.equal(staffAttemptKey('m.chan'), 'staff:m.chan');
  assert.doesNotMatch(staffAttemptKey('x1'), /^[A-Z0-9]+$/);
});

test('roles are read from a comma list or ticked boxes, each known, repeats folded, in the one order', () => {
  assert.deepEqual(parseRoles(['ill,circulation']), { ok: true, roles: ['circulation', 'ill'] });
  assert.deepEqual(parseRoles(['ILL', ' ill ', 'acquisitions']), { ok: true, roles: ['acquisitions', 'ill'] });
  assert.deepEqual(parseRoles(['ill,librarian']), { ok: false, problem: 'ROLE_UNKNOWN' });
  assert.deepEqual(parseRoles([]), { ok: false, problem: 'ROLE_MISSING' });
  assert.deepEqual(parseRoles([' , ']), { ok: false, problem: 'ROLE_MISSING' });
});

test('an admin may work in every queue; anyone else only where they hold the role', () => {
  assert.equal(hasRole({ roles: ['admin'] }, 'ill'), true);
  assert.equal(hasRole({ roles: ['ill'] }, 'ill'), true);
  assert.equal(hasRole({ roles: ['ill', 'circulation'] }, 'acquisitions'), false);
});

test('an attempt key names a member of staff only when it is one', async () => {
  const { staffAttemptKey, usernameOfAttemptKey } = await import('./staff.js');
  assert.equal(usernameOfAttemptKey(staffAttemptKey('m.chan')), 'm.chan');
  assert.equal(usernameOfAttemptKey('21000003'), undefined);
});
