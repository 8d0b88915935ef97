/**
 * The demo catalogue (db/seed/catalogue.csv: over 800 public-domain works, loaded through the
 * real catalogue import) and the demo patrons' circulation: loans, one of them overdue, one at
 * its renewal limit, a request waiting in a queue, and a fine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Portal } from '../portal.js';
import { addDays, libraryDateOf } from '../domain/shared/library-date.js';
import { searchWords } from '../domain/catalogue/search-query.js';

export const DEMO_CATALOGUE_FILE = fileURLToPath(new URL('../../db/seed/catalogue.csv', import.meta.url));

/** The demo loans, by patron barcode and title; `dueInDays` is from today (negative: overdue). */
export const DEMO_LOANS = [
  { patron: '21000004', title: 'Pride and Prejudice', dueInDays: 20, renewals: 0 },
  { patron: '21000004', title: 'Moby-Dick; or, The Whale', dueInDays: -5, renewals: 1 },
  { patron: '21000004', title: 'The Brothers Karamazov', dueInDays: 40, renewals: 10 },
  { patron: '21000002', title: 'Crime and Punishment', dueInDays: 10, renewals: 0 },
  { patron: '21000002', title: 'War and Peace', dueInDays: 30, renewals: 2 },
  { patron: '21000001', title: 'Treasure Island', dueInDays: 14, renewals: 0 },
  { patron: '21000001', title: 'Dracula', dueInDays: 3, renewals: 0 },
  { patron: '21000001', title: 'Kidnapped', dueInDays: -3, renewals: 0 },
] as const;

/** Wong Siu Ling waits for "Crime and Punishment", on loan to Maria Santos. */
export const DEMO_REQUEST = { patron: '21000004', title: 'Crime and Punishment', pickup: 'MAIN' } as const;
export const DEMO_FINE = { patron: '21000004', amount: 1200, reason: { kind: 'overdue', title: 'Emma', daysLate: 12 } } as const;

export function loadDemoCirculation(portal: Portal): void {
  const report = portal.catalogue.importCsv(readFileSync(DEMO_CATALOGUE_FILE, 'utf8'));
  if (!report.imported) throw new Error(`the demo catalogue could not be imported: ${JSON.stringify(report.bad.slice(0, 3))}`);
  const { catalogue, loans, requests, fines } = portal.repos;
  const now = portal.clock.now();
  const today = libraryDateOf(now);
  const recordOf = (title: string) => {
    const found = catalogue.withTitleWords(searchWords(title), 50).find((r) => r.title === title);
    if (!found) throw new Error(`no demo record "${title}"`);
    return found;
  };
  const patronOf = (barcode: string) => {
    const patron = portal.patrons.findByBarcode(barcode);
    if (!patron) throw new Error(`no demo patron ${barcode}`);
    return patron;
  };
  portal.db.transaction(() => {
    for (const demo of DEMO_LOANS) {
      const record = recordOf(demo.title);
      // Every copy of a title on loan in the demo goes out, so that it can be requested.
      const copies = catalogue.copiesOf(record.id).filter((c) => c.status === 'available');
      copies.forEach((copy, index) => {
        const borrower = index === 0 ? patronOf(demo.patron) : patronOf('21000003');
        loans.insert(copy.id, borrower.id, now - 30 * 86_400_000, addDays(today, demo.dueInDays + index), index === 0 ? demo.renewals : 0);
        catalogue.setCopyStatus(copy.id, 'on_loan');
      });
    }
    const pickup = requests.pickupLocations().find((p) => p.code === DEMO_REQUEST.pickup)!;
    requests.insert(recordOf(DEMO_REQUEST.title).id, patronOf(DEMO_REQUEST.patron).id, pickup.id, now - 2 * 86_400_000);
    fines.charge(patronOf(DEMO_FINE.patron).id, null, DEMO_FINE.amount, { ...DEMO_FINE.reason }, now - 20 * 86_400_000);
  });
}
