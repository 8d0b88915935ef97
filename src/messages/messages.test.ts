import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHOSEN_PIN_RULES, RULES_SHOWN_ON_FORM, violationOf } from '../domain/pin/pin-policy.js';
import { hasMessage, t } from './index.js';

test('every PIN rule shown on the form has a help text, with its limits filled in', () => {
  const helps = RULES_SHOWN_ON_FORM.map((rule) => {
    const key = `pinRule.${rule.code}.help`;
    assert.ok(hasMessage(key), key);
    return t(key, violationOf(rule, { minLength: 6 }).params);
  });
  assert.deepEqual(helps, [
    'be at least 6 characters long;',
    'be no more than 8 characters long;',
    'use only letters (A–Z) and digits (0–9); capitals and small letters are the same;',
    'not repeat one character 3 or more times in a row (aaa, 1111);',
    'not repeat a set of 2, 3 or 4 characters back to back (abab, abcabc, abcdabcd);',
    'not be one of the most common PINs or passwords (like 123456, abc123 or password);',
    'differ from your current PIN;',
    'differ from your default PIN (the first 6 letters and digits of your ID number).',
  ]);
});

test('every PIN rule has a message for when it is broken, with no placeholder left unfilled', () => {
  for (const rule of CHOSEN_PIN_RULES) {
    const key = `pinRule.${rule.code}.error`;
    assert.ok(hasMessage(key), key);
    const message = t(key, violationOf(rule, { minLength: 6 }).params);
    assert.doesNotMatch(message, /\{\w+\}/, key);
  }
  assert.ok(hasMessage('pinRule.PIN_MISSING.error'));
});

test('placeholders are filled, and a missing value is left visible rather than hidden', () => {
  assert.equal(t('login.blocked', { seconds: 42 }), 'Too many attempts to log in with this barcode. Please try again in 42 seconds.');
  assert.equal(t('home.welcome'), 'Welcome, {name}');
});
