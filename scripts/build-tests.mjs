#!/usr/bin/env node
// Compiles src/ — the portal and its tests — into dist-test/, file for file, for `npm test` to run.
// Through tsx every test process compiled what it imported and resolved each import across a
// loader thread: about a second per test file before its first test. esbuild turns the whole tree
// into JavaScript in well under a second, without checking types (the type-check does that).
// dist-test/ lies beside src/ at the same depth, so paths a module finds from its own place
// (db/migrations, views, public) are the same from either.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const OUT_DIR = 'dist-test';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export async function buildTests() {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const files = filesUnder('src');
  await build({
    entryPoints: files.filter((file) => file.endsWith('.ts')),
    outdir: OUT_DIR,
    outbase: 'src',
    format: 'esm',
    platform: 'node',
    target: 'node20.12', // the oldest Node the portal runs on (package.json engines): import attributes kept
    // Failures point at the TypeScript line (node --enable-source-maps).
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // The message catalogues (JSON) and the PostgreSQL worker's loader for source are read beside their modules.
  for (const file of files.filter((f) => !f.endsWith('.ts'))) cpSync(file, join(OUT_DIR, relative('src', file)));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildTests();
