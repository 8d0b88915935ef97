import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustEnrol, secondStepFor, stepStillDue } from './second-factor-policy.js';

const admin = { roles: ['admin' as const] };
const clerk = { roles: ['circulation' as const] };

test('STAFF_2FA=required makes every account enrol; admins only admins; off nobody', () => {
  assert.equal(mustEnrol('required', clerk), true);
  assert.equal(mustEnrol('admins', admin), true);
  assert.equal(mustEnrol('admins', clerk), false);
  assert.equal(mustEnrol('off', admin), false);
});

test('an enrolled account is asked for its code whatever the setting', () => {
  for (const setting of ['required', 'admins', 'off'] as const) assert.equal(secondStepFor(setting, clerk, true), 'ask');
  assert.equal(secondStepFor('admins', admin, false), 'enrol');
  assert.equal(secondStepFor('admins', clerk, false), 'none');
  assert.equal(secondStepFor('off', admin, false), 'none');
});

test('a session owes nothing when nothing is required or it gave a code of the factor now on', () => {
  assert.equal(stepStillDue('off', clerk, null, undefined), 'none');
  assert.equal(stepStillDue('admins', clerk, null, undefined), 'none');
  assert.equal(stepStillDue('off', clerk, 1000, 1000), 'none');
  assert.equal(stepStillDue('required', admin, 1000, 1000), 'none');
});

test('a session owes an enrolment when its roles or the setting now require a factor the account lacks', () => {
  assert.equal(stepStillDue('admins', admin, null, undefined), 'enrol');
  assert.equal(stepStillDue('required', clerk, null, undefined), 'enrol');
  // A code given of a factor since reset does not count.
  assert.equal(stepStillDue('required', clerk, null, 1000), 'enrol');
});

test('a session owes a code when the account has a factor it never gave a code of', () => {
  assert.equal(stepStillDue('off', clerk, 1000, undefined), 'ask');
  assert.equal(stepStillDue('admins', admin, 2000, 1000), 'ask', 'a factor reset and set up again is a new one');
});
