#!/usr/bin/env node
// Runs a command with TEST_DATABASE_URL set to a throwaway PostgreSQL, then stops it:
//   node scripts/with-postgres.mjs node --import tsx --test src/db/database.test.ts
import { spawnSync } from 'node:child_process';
import { startPostgres } from './postgres-for-tests.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-postgres.mjs COMMAND [ARGUMENTS…]');
  process.exit(2);
}
const server = startPostgres();
if (server.skipped) {
  console.error(`no PostgreSQL for the tests: ${server.skipped}`);
  process.exit(1);
}
try {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: server.url } });
  process.exitCode = result.status ?? 1;
} finally {
  server.stop();
}
