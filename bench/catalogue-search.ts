/**
 * How the catalogue search grows: median time of a set of searches at the demo catalogue's
 * size and with 100,000 records, in the benchmark's own process on its own database.
 */
import { readFileSync } from 'node:fs';
import { asDatabase } from '../src/db/engine/sqlite-database.js';
import { join } from 'node:path';
import { openDatabase } from '../src/db/engine/connection.js';
import { migrate } from '../src/db/engine/migrate.js';
import { createCatalogueRepo } from '../src/db/catalogue/catalogue-repo.js';
import { createRequestRepo } from '../src/db/circulation/request-repo.js';
import { createCatalogueService } from '../src/services/catalogue/catalogue-service.js';
import { DEMO_CATALOGUE_FILE } from '../src/demo/demo-circulation.js';
import { percentile } from './http-client.js';

const QUERIES = [
  'dickens',
  'war and peace',
  'philosophy',
  'the',
  'english fiction',
  'austen pride',
  'russian',
  '978086',
  'zzzz',
  'history of england',
];

function medianSearchMs(service: ReturnType<typeof createCatalogueService>): { median: number; worst: number } {
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      service.search(q, 1 + (round % 3));
      times.push(performance.now() - t0);
    }
  }
  return { median: percentile(times, 50), worst: percentile(times, 99) };
}

export function measureCatalogueSearch(dir: string) {
  const db = openDatabase(join(dir, 'catalogue.sqlite'));
  migrate(db);
  const catalogue = createCatalogueRepo(asDatabase(db));
  const service = createCatalogueService({ db: asDatabase(db), catalogue, requests: createRequestRepo(asDatabase(db)) });
  const report = service.importCsv(readFileSync(DEMO_CATALOGUE_FILE, 'utf8'));
  const records = report.records;
  const small = medianSearchMs(service);

  // Grow to 100,000 records with titles, authors and subjects made of the demo's own words.
  const words = readFileSync(DEMO_CATALOGUE_FILE, 'utf8').match(/[A-Za-z]{3,}/g) ?? ['book'];
  const insert = db.prepare('INSERT INTO records (isbn, title, author, publisher, year, subjects) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = records; i < 100_000; i++) {
      const w = (k: number) => words[(i * 7919 + k * 104729) % words.length];
      insert.run(
        `979${String(i).padStart(10, '0')}`,
        `${w(1)} ${w(2)} ${w(3)}`,
        `${w(4)}, ${w(5)}`,
        'Bench Press',
        1800 + (i % 200),
        `${w(6)}; ${w(7)}`,
      );
    }
  })();
  const large = medianSearchMs(service);
  db.close();
  return { records, small, large };
}
