/**
 * The arrows between the portal's layers point inward, and no file reaches itself through its imports.
 * The domain's rules import nothing but each other and the small libraries in lib/, so they can be
 * read and tested alone; messages turn the domain's answers into words; repositories know the
 * domain but no service; services know repositories but no page; the web layer sits on top. A loop
 * between files, or an arrow back up, means a change in a lower layer can no longer be made without
 * the higher one — this test names the import that does it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** What each top folder of src/ may import from, besides itself. Anything else is an arrow back up. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  lib: [],
  domain: ['lib'],
  messages: ['domain', 'lib'],
  // config.ts is read by the openers of the database: settings are a leaf, below every layer.
  db: ['domain', 'lib', 'config.ts'],
  services: ['domain', 'lib', 'messages', 'db', 'config.ts'],
  // Pages know the services they call, never how the portal is put together.
  web: ['domain', 'lib', 'messages', 'db', 'services', 'config.ts'],
  // Each area's module builds its repositories, services and routes; only the portal lists the modules.
  modules: ['domain', 'lib', 'messages', 'db', 'services', 'web', 'config.ts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each source file (relative to src/) and the source files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const topOf = (path: string): string => path.split('/')[0]!;

test('the import graph is read from the sources', () => {
  const graph = importGraph();
  // A guard against a test that finds nothing: the areas' modules import from every layer.
  assert.ok(graph.size > 100, `only ${graph.size} source files found under ${SRC}`);
  assert.ok(graph.get('modules/booking.ts')!.some((target) => topOf(target) === 'services'));
});

test('no import points from a lower layer to a higher one', () => {
  const backwards: string[] = [];
  for (const [file, targets] of importGraph()) {
    const allowed = MAY_IMPORT[topOf(file)];
    if (!allowed) continue;
    for (const target of targets) {
      const top = topOf(target);
      if (top !== topOf(file) && !allowed.includes(top)) backwards.push(`${file} imports ${target}`);
    }
  }
  assert.deepEqual(backwards, []);
});

test('no file reaches itself through its imports', () => {
  const graph = importGraph();
  const done = new Set<string>();
  const loops: string[] = [];
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      loops.push([...path.slice(at), file].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(loops, []);
});

test('no file imports more than 30 of our modules: a longer list is a file doing the work of several', () => {
  const crowded = [...importGraph()]
    .filter(([, targets]) => new Set(targets).size > 30)
    .map(([file, targets]) => `${file}: ${targets.length}`);
  assert.deepEqual(crowded, []);
});

test('pages take the records they show from the domain: from a repository, only the repository itself', () => {
  const borrowed: string[] = [];
  for (const file of sourceFiles(join(SRC, 'web'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import (?:type )?\{([^}]*)\} from '((?:\.\.\/)+db\/(?!engine\/)[^']+)'/g)) {
      const names = m[1]!
        .split(',')
        .map((name) => name.replace(/^\s*type\s+/, '').trim())
        .filter(Boolean);
      for (const name of names) if (!name.endsWith('Repo')) borrowed.push(`${relative(SRC, file)}: ${name} from ${m[2]}`);
    }
  }
  assert.deepEqual(borrowed, []);
});

test('no file is longer than 300 lines: what a reader can hold at once', () => {
  const everyTs = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return everyTs(path);
      return name.endsWith('.ts') ? [path] : [];
    });
  const ROOT = resolve(SRC, '..');
  const files = ['src', 'e2e', 'bench', 'scripts'].flatMap((top) => everyTs(join(ROOT, top)));
  assert.ok(files.length > 300, `only ${files.length} files read`);
  const long = files
    .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > 300)
    .map(({ file, lines }) => `${file}: ${lines}`);
  assert.deepEqual(long, []);
});
