import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeLocalPath } from './local-path.js';

test('a path on this site is kept, with its query', () => {
  assert.equal(safeLocalPath('/catalogue?q=dickens&page=2'), '/catalogue?q=dickens&page=2');
  assert.equal(safeLocalPath('/myrecord'), '/myrecord');
});

test('anything a browser could read as another site falls back', () => {
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil.example', '\t//evil.example', '/\u0000', '']) {
    assert.equal(safeLocalPath(bad), '/', JSON.stringify(bad));
  }
  assert.equal(safeLocalPath('//evil.example', '/staff'), '/staff');
});

test('an encoded slash stays part of a path here: it is never decoded into //', () => {
  assert.equal(safeLocalPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example');
});

test('a path that becomes // once its dot segments are resolved falls back: the browser would read it as another site', () => {
  for (const bad of ['/.//evil.example/x', '/a/..//evil.example', '/%2e//evil.example', '/./\u002f/evil.example']) {
    assert.equal(safeLocalPath(bad), '/', JSON.stringify(bad));
  }
  // Dot segments that stay on this site are resolved, as the browser would.
  assert.equal(safeLocalPath('/myrecord/./circulation'), '/myrecord/circulation');
});
