import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustEnrol, secondStepFor } from './second-factor-policy.js';

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
