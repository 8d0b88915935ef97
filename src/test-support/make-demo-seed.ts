/**
 * Makes the demo seed for a test run (demo-seed.ts): `make-demo-seed.ts DIR sqlite|postgres` writes
 * the seed into DIR/<database>; PostgreSQL's needs TEST_DATABASE_URL. `npm test` runs it once
 * before each integration suite, so that the suite's files copy one seed instead of loading the demo.
 */
import { join } from 'node:path';
import { makeDemoSeed } from './demo-seed.js';

const [dir, dialect] = process.argv.slice(2);
if (!dir || (dialect !== 'sqlite' && dialect !== 'postgres')) {
  console.error('usage: make-demo-seed.ts DIR sqlite|postgres');
  process.exit(2);
}
await makeDemoSeed(dialect, join(dir, dialect));
