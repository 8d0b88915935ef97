#!/usr/bin/env node
// `npm test`: every kind of check, each counted and timed, and one closing line with the totals.
//   npm test                          everything this machine can run
//   npm test -- unit integration      only those kinds (typecheck lint unit integration postgres e2e)
// `postgres` is the PostgreSQL half: the tests written for both databases, and the whole integration
// suite again with every portal on PostgreSQL. Test files are listed explicitly: on Node 20,
// `node --test <dir>` or a quoted glob silently runs nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildTests, OUT_DIR } from './build-tests.mjs';
import { startPostgres } from './postgres-for-tests.mjs';

const KINDS = ['typecheck', 'lint', 'unit', 'integration', 'postgres', 'e2e'];
const asked = process.argv.slice(2);
const unknown = asked.filter((kind) => !KINDS.includes(kind));
if (unknown.length > 0) {
  console.error(`unknown kind of test: ${unknown.join(', ')} (the kinds: ${KINDS.join(' ')})`);
  process.exit(2);
}
const wanted = new Set(asked.length > 0 ? asked : KINDS);

// Test files mostly wait (on bcrypt's threads, on sockets, on PostgreSQL): more files than cores
// at once keeps both cores busy. Each file has its own database, port and folders.
const CONCURRENCY = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 2;

function findTests(dir, suffix, exclude) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path, suffix, exclude));
    else if (name.endsWith(suffix) && !(exclude && name.endsWith(exclude))) found.push(path);
  }
  return found.sort();
}

/** Runs a command, echoing its output, and returns the output and exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const count = (output, pattern) => Number(pattern.exec(output)?.[1] ?? 0);
const results = [];
const seconds = (since) => Math.round((Date.now() - since) / 1000);

/** A check that passes or fails as a whole (type-check, lint): a failure counts as one failed test. */
async function check(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const { code } = await run(command, args);
  results.push({ label, check: true, passed: 0, failed: code === 0 ? 0 : 1, seconds: seconds(started) });
}

/**
 * A test file whose TypeScript source starts with `// test-runs-alone: <why>` (a timing test) runs
 * after the others, by itself: files running beside it would disturb what it measures.
 */
const runsAlone = (compiled) =>
  readFileSync(join('src', relative(OUT_DIR, compiled)).replace(/\.js$/, '.ts'), 'utf8').startsWith('// test-runs-alone:');

/** One suite of node:test files (compiled, in dist-test/), several files at once, then those that run alone. */
async function nodeTests(label, files, env = {}) {
  const alone = files.filter(runsAlone);
  const together = files.filter((file) => !alone.includes(file));
  console.log(`\n=== ${label} tests (${files.length} files, ${CONCURRENCY} at once, ${alone.length} alone) ===`);
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let output = '';
  for (const [batch, concurrency] of [
    [together, CONCURRENCY],
    [alone, 1],
  ]) {
    if (batch.length === 0) continue;
    const answer = await run('node', ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...batch], env);
    const batchFailed = count(answer.output, /ℹ fail (\d+)/);
    passed += count(answer.output, /ℹ pass (\d+)/);
    failed += batchFailed + (answer.code !== 0 && batchFailed === 0 ? 1 : 0);
    output += answer.output;
  }
  results.push({ label, passed, failed, seconds: seconds(started), output });
}

/** Loads the demo once for a suite on `dialect` (src/test-support/demo-seed.ts); its files copy it. */
async function makeSeed(seedDir, dialect, env) {
  const { code } = await run('node', [join(OUT_DIR, 'test-support', 'make-demo-seed.js'), seedDir, dialect], env);
  if (code !== 0) throw new Error(`the demo seed on ${dialect} could not be made`);
}

if (wanted.has('typecheck')) await check('type-check', 'npx', ['tsc', '-p', 'tsconfig.check.json']);
if (wanted.has('lint')) await check('lint (ESLint, Prettier)', 'npm', ['run', '--silent', 'lint']);

// The PostgreSQL half runs on TEST_DATABASE_URL when it names a server, or on a throwaway local one.
let postgres;
if (wanted.has('postgres')) {
  postgres = process.env.TEST_DATABASE_URL ? { url: process.env.TEST_DATABASE_URL } : startPostgres();
  if (postgres.skipped) console.log(`\nPostgreSQL half SKIPPED: ${postgres.skipped}. Only SQLite is tested.`);
  else console.log(`\nPostgreSQL half: on ${postgres.stop ? 'a throwaway local server' : 'TEST_DATABASE_URL'}`);
}
const onPostgres = postgres && !postgres.skipped;
const postgresEnv = onPostgres ? { TEST_DATABASE_URL: postgres.url } : {};
// Without the PostgreSQL half, tests written for both databases run on SQLite only.
if (!onPostgres) delete process.env.TEST_DATABASE_URL;

// The tests run compiled: through tsx each test process spent about a second compiling what it imported.
if (wanted.has('unit') || wanted.has('integration') || onPostgres) {
  const started = Date.now();
  await buildTests();
  console.log(`\ncompiled src/ into ${OUT_DIR}/ in ${Date.now() - started} ms`);
}
const seedDir = mkdtempSync(join(tmpdir(), 'myrecord-test-seeds-'));
try {
  if (wanted.has('unit')) await nodeTests('unit', findTests(OUT_DIR, '.test.js', '.int.test.js'), postgresEnv);
  const seeded = { ...postgresEnv, MYRECORD_TEST_SEED_DIR: seedDir };
  // Looked for only when asked: with the type-check or lint alone, nothing was compiled.
  const integration = wanted.has('integration') || onPostgres ? findTests(OUT_DIR, '.int.test.js') : [];
  if (wanted.has('integration')) {
    await makeSeed(seedDir, 'sqlite', seeded);
    await nodeTests('integration', integration, seeded);
  }
  if (onPostgres) {
    // The whole integration suite again, with every portal, server and CLI of it on PostgreSQL.
    await makeSeed(seedDir, 'postgres', seeded);
    await nodeTests('integration on PostgreSQL', integration, { ...seeded, TEST_PORTAL_DIALECT: 'postgres' });
  }
} finally {
  postgres?.stop?.();
  rmSync(seedDir, { recursive: true, force: true });
}

if (wanted.has('e2e')) {
  console.log('\n=== end-to-end tests (Playwright, Chromium) ===');
  const started = Date.now();
  const ensure = await run('node', ['scripts/ensure-chromium.mjs']);
  if (ensure.code !== 0) results.push({ label: 'end-to-end', passed: 0, failed: 1, seconds: seconds(started) });
  else {
    const { code, output } = await run('npx', ['playwright', 'test']);
    const passed = count(output, /(\d+) passed/);
    const failed = count(output, /(\d+) failed/);
    results.push({ label: 'end-to-end', passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0), seconds: seconds(started) });
  }
}

console.log(`\n=== summary (node ${process.version}) ===`);
for (const { label, check, passed, failed, seconds } of results) {
  console.log(
    check ? `${label}: ${failed ? 'FAILED' : 'passed'} (${seconds} s)` : `${label}: ${passed} passed, ${failed} failed (${seconds} s)`,
  );
}
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
if (wanted.has('postgres')) {
  const named = results.reduce((sum, r) => sum + (r.output?.match(/^\s*✔ postgres: /gm) ?? []).length, 0);
  console.log(
    onPostgres
      ? `PostgreSQL: the integration suite ran on it whole, and ${named} passed tests are named for it`
      : `PostgreSQL: SKIPPED (${postgres.skipped})`,
  );
  // CI sets MYRECORD_REQUIRE_POSTGRES: there a run without its PostgreSQL half is a failure, not a skip.
  if (process.env.MYRECORD_REQUIRE_POSTGRES && (!onPostgres || named === 0)) {
    console.log('MYRECORD_REQUIRE_POSTGRES is set and no test passed on PostgreSQL: that is a failure');
    total.failed++;
  }
}
const ranNothing = results.some((r) => !r.check && r.passed + r.failed === 0);
if (ranNothing) console.log('a kind of test ran nothing: that is a failure');
console.log(`total: ${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 || ranNothing ? 1 : 0);
