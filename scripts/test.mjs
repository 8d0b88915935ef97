#!/usr/bin/env node
// `npm test`: type-check, then unit, integration and end-to-end tests, each counted, and
// one closing line with the totals. Test files are listed explicitly: on Node 20,
// `node --test <dir>` or a quoted glob silently runs nothing.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from './postgres-for-tests.mjs';

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
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const count = (output, pattern) => Number(pattern.exec(output)?.[1] ?? 0);
const results = [];

const typecheck = spawnSync('npx', ['tsc', '-p', 'tsconfig.check.json'], { stdio: 'inherit' });
if (typecheck.status !== 0) {
  console.error('type-check failed');
  process.exit(1);
}

// The PostgreSQL half: the tests written for both databases (test-support/databases.ts) run on
// PostgreSQL too when TEST_DATABASE_URL names one, or when a local server can be started here.
const postgres = process.env.TEST_DATABASE_URL ? { url: process.env.TEST_DATABASE_URL } : startPostgres();
if (postgres.skipped) {
  console.log(`\nPostgreSQL half SKIPPED: ${postgres.skipped}. Only SQLite is tested.`);
  if (process.env.MYRECORD_REQUIRE_POSTGRES) {
    console.error('MYRECORD_REQUIRE_POSTGRES is set: a run without PostgreSQL is a failure');
    process.exit(1);
  }
} else {
  process.env.TEST_DATABASE_URL = postgres.url;
  console.log(`\nPostgreSQL half: on ${postgres.stop ? 'a throwaway local server' : 'TEST_DATABASE_URL'}`);
}
const onPostgres = (output) => (output.match(/^\s*✔ postgres: /gm) ?? []).length;
let postgresPassed = 0;

const integration = findTests('src', '.int.test.ts');
const suites = [
  { label: 'unit', files: findTests('src', '.test.ts', '.int.test.ts'), env: {} },
  { label: 'integration', files: integration, env: {} },
  // The whole integration suite again with every portal, server and CLI of it on PostgreSQL.
  ...(postgres.skipped ? [] : [{ label: 'integration on PostgreSQL', files: integration, env: { TEST_PORTAL_DIALECT: 'postgres' } }]),
];
for (const { label, files, env } of suites) {
  console.log(`\n=== ${label} tests (${files.length} files) ===`);
  const { code, output } = await run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env);
  const passed = count(output, /ℹ pass (\d+)/);
  const failed = count(output, /ℹ fail (\d+)/);
  postgresPassed += onPostgres(output);
  results.push({ label, passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) });
}

postgres.stop?.();

console.log('\n=== end-to-end tests (Playwright, Chromium) ===');
const ensure = await run('node', ['scripts/ensure-chromium.mjs']);
if (ensure.code !== 0) results.push({ label: 'end-to-end', passed: 0, failed: 1 });
else {
  const { code, output } = await run('npx', ['playwright', 'test']);
  const passed = count(output, /(\d+) passed/);
  const failed = count(output, /(\d+) failed/);
  results.push({ label: 'end-to-end', passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) });
}

console.log('\n=== summary ===');
for (const { label, passed, failed } of results) console.log(`${label}: ${passed} passed, ${failed} failed`);
console.log(postgres.skipped
  ? `PostgreSQL: SKIPPED (${postgres.skipped})`
  : `PostgreSQL: the integration suite ran on it whole, and ${postgresPassed} passed tests are named for it`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
const ranNothing = results.some((r) => r.passed + r.failed === 0);
if (process.env.MYRECORD_REQUIRE_POSTGRES && postgresPassed === 0) {
  console.log('MYRECORD_REQUIRE_POSTGRES is set and no test passed on PostgreSQL: that is a failure');
  total.failed++;
}
if (ranNothing) console.log('a kind of test ran nothing: that is a failure');
console.log(`total: ${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 || ranNothing ? 1 : 0);
