/**
 * Every message in the catalogues is asked for somewhere: by its whole key, quoted, in a source file
 * or a view. A message nobody shows still costs a translator's time in both languages, and hides the
 * one that is shown when the two read alike. The few keys built from a prefix and a value are listed
 * here with the prefix their code spells out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Keys made in code from a prefix and a value (`t('staff.security.period.' + p)` in the security page). */
const BUILT_FROM_PREFIX = ['staff.security.period.'];

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : files(path, keep);
    return keep(name) ? [path] : [];
  });
}

const productText = (): string =>
  [
    ...files(join(ROOT, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
    ...files(join(ROOT, 'views'), (name) => name.endsWith('.ejs')),
  ]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

test('every message in the catalogue is shown somewhere', () => {
  const text = productText();
  const keys = Object.keys(JSON.parse(readFileSync(join(ROOT, 'src/messages/en.json'), 'utf8')) as Record<string, string>);
  assert.ok(keys.length > 500, 'the catalogue was read');
  for (const prefix of BUILT_FROM_PREFIX) assert.ok(text.includes(`'${prefix}'`), `no code builds keys from ${prefix}`);
  const unused = keys.filter(
    (key) => !text.includes(`'${key}'`) && !text.includes(`"${key}"`) && !BUILT_FROM_PREFIX.some((prefix) => key.startsWith(prefix)),
  );
  assert.deepEqual(unused, []);
});
