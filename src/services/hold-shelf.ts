/**
 * Where a copy goes when it comes free (returned at the counter, or its hold cancelled):
 * to the hold shelf for the first patron waiting for the title, who is mailed that it is
 * ready and until when; otherwise back on the shelf. Call inside a transaction.
 */
import type { CatalogueRepo } from '../db/catalogue-repo.js';
import type { PatronRepo } from '../db/patron-repo.js';
import type { RequestRepo } from '../db/request-repo.js';
import { addDays, libraryDateOf } from '../domain/circulation/library-date.js';
import type { Clock } from '../lib/clock.js';
import type { PatronNotices } from './patron-notices.js';

export type HoldShelf = ReturnType<typeof createHoldShelf>;

export function createHoldShelf(deps: { catalogue: CatalogueRepo; requests: RequestRepo; patrons: PatronRepo; notices: PatronNotices; clock: Clock }) {
  const { catalogue, requests, patrons, notices, clock } = deps;
  return {
    /** Returns the request the copy is now held for, if any. */
    place(copyId: number, recordId: number) {
      const next = requests.firstWaiting(recordId);
      if (!next) {
        catalogue.setCopyStatus(copyId, 'available');
        return undefined;
      }
      const now = clock.now();
      const collectBy = addDays(libraryDateOf(now), next.holdDays);
      requests.makeReady(next.id, copyId, now, collectBy);
      catalogue.setCopyStatus(copyId, 'on_hold');
      const patron = patrons.findById(next.patronId);
      if (patron) notices.holdReady(patron, next.title, { code: next.pickupCode, name: next.pickupLocation }, collectBy);
      return { ...next, collectBy };
    },
  };
}
