/**
 * The README is all a clone of the repository has to explain it: it points at nothing outside the
 * repository, and its settings table is one table (a blank line inside one ends it, and the rest
 * shows as loose text) with a row for every setting the portal reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const configSource = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');

/** The environment variables config.ts reads: env.NAME, or a helper's (env, 'NAME', …). */
const settingsRead = [
  ...new Set([...configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => (m[1] ?? m[2])!)),
].sort();

test('the README points at nothing outside the repository', () => {
  // The project's own folders named shared (src/db/shared/) are inside it; a bare shared/ is not.
  assert.doesNotMatch(readme, /\.\.\/|(?<![\w/])shared\//);
  // A relative link must lead to a file of the repository itself (docs/rules.md), which every clone has.
  const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]!).filter((target) => !/^https?:/.test(target));
  const missing = links.filter((target) => !existsSync(new URL(`../${target}`, import.meta.url)));
  assert.deepEqual(missing, [], 'no relative links to files a reader may not have');
  assert.ok(links.includes('docs/architecture.md'), 'the README leads to the architecture');
});

test('the settings table is one table, with a row for every setting the portal reads', () => {
  const section = readme.slice(readme.indexOf('\n## Settings'), readme.indexOf('\n## ', readme.indexOf('\n## Settings') + 1));
  const lines = section.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| name | default | meaning |'));
  assert.ok(header >= 0, 'the settings table has its header');
  const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
  const rows = lines.slice(header + 2, end);
  assert.equal(lines.slice(end).filter((line) => line.startsWith('|')).length, 0, 'no row after a break in the table');
  const named = rows
    .map((row) => /^\| `([A-Z0-9_]+)` \|/.exec(row)?.[1])
    .filter((name) => name !== undefined)
    .sort();
  assert.ok(settingsRead.length > 20, `config.ts read as expected: ${settingsRead.join(', ')}`);
  assert.deepEqual(
    settingsRead.filter((name) => !named.includes(name)),
    [],
    'every setting has its row',
  );
  assert.ok(named.includes('DUE_REMINDER_DAYS'));
});
