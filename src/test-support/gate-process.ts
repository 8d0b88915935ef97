/**
 * One app server's attempt gate in a process of its own, for tests of several processes on one
 * PostgreSQL database: it connects to the database named by GATE_DATABASE_URL, says "ready",
 * waits for a line on its standard input, then makes GATE_ATTEMPTS wrong attempts on GATE_KEY at
 * once, each checking a real bcrypt hash, and prints how many PINs it checked.
 */
import { once } from 'node:events';
import { postgresDatabase } from '../db/engine/postgres/postgres-database.js';
import { createAttemptRepo } from '../db/auth/attempt-repo.js';
import { createAttemptGate } from '../services/auth/attempt-gate.js';
import { systemClock } from '../lib/clock.js';
import { countingHasher } from './fixtures.js';

const database = postgresDatabase(process.env.GATE_DATABASE_URL!);
const gate = createAttemptGate({ db: database, attempts: createAttemptRepo(database), clock: systemClock });
const hasher = countingHasher();
const hash = await hasher.hash('XY1234');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const attempts = Number(process.env.GATE_ATTEMPTS);
await Promise.all(
  Array.from({ length: attempts }, () => gate.verify(process.env.GATE_KEY!, { clientAddress: null }, () => hasher.compare('WRONG1', hash))),
);
database.close();
process.stdout.write(`checked ${hasher.compares}\n`);
process.exit(0);
