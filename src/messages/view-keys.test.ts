/**
 * Every message a page asks for by name is in the catalogues. Views are EJS, which the type-checker
 * never reads: a key mistyped in a view would show the key itself to a patron (the localizer leaves a
 * missing message visible rather than blank). This reads each view's `t('…')` calls with a whole literal key (a
 * key built from pieces, `t('staff.security.period.' + p)`, is left to the pages' own tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const VIEWS = fileURLToPath(new URL('../../views/', import.meta.url));
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const catalogue = (name: string): Record<string, string> =>
  JSON.parse(readFileSync(join(SRC, 'messages', name), 'utf8')) as Record<string, string>;

function viewFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return viewFiles(path);
    return name.endsWith('.ejs') ? [path] : [];
  });
}

/** Each literal key a view passes to t(), with where it is. */
function keysUsedInViews(): Array<{ key: string; where: string }> {
  return viewFiles(VIEWS).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'\s*[,)]/g)].map((m) => ({ key: m[1]!, where: relative(VIEWS, file) })),
  );
}

test('the views ask for messages by name', () => {
  // A guard against a test that reads nothing: every page asks for its title.
  assert.ok(keysUsedInViews().length > 500);
});

for (const file of ['en.json', 'zh-HK.json']) {
  test(`every key a view asks for is in ${file}`, () => {
    const messages = catalogue(file);
    const missing = keysUsedInViews().filter(({ key }) => !(key in messages));
    assert.deepEqual(
      missing.map(({ key, where }) => `${where}: ${key}`),
      [],
    );
  });
}
