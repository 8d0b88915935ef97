import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printable } from './printable.js';

test('terminal escapes and other control characters from a file are shown as ?', () => {
  assert.equal(printable('name\u001b[2J\u001b]0;pwned\u0007'), 'name?[2J?]0;pwned?');
  assert.equal(printable('a\rb\nc\u009bd'), 'a?b?c?d');
  assert.equal(printable('left\u202eright'), 'left?right');
});

test('ordinary text, Chinese included, is unchanged; a very long value is cut', () => {
  assert.equal(printable('Chan Tai Man 陳大文'), 'Chan Tai Man 陳大文');
  assert.equal(printable('x'.repeat(300), 10), `${'x'.repeat(10)}…`);
});
