/**
 * Where a copy goes when it comes free (returned at a counter, its hold cancelled or lapsed):
 * to the first patron waiting for the title, otherwise back on the shelf. A copy at the
 * request's pickup location goes on that hold shelf and the patron is mailed that it is ready
 * and until when; anywhere else it is sent there first (in transit), and only its check-in at
 * the pickup location makes it ready (routeHold). Call inside a transaction.
 */
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { RequestView } from '../../domain/circulation/request.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { routeHold } from '../../domain/circulation/hold-route.js';
import type { Clock } from '../../lib/clock.js';
import type { PatronNotices } from '../mail/patron-notices.js';

/** What became of the copy: the request it now serves, if any, and how. */
export type HoldPlacement =
  { kind: 'shelf' } | { kind: 'hold-shelf'; request: RequestView; collectBy: string } | { kind: 'transit'; request: RequestView };

export type HoldShelf = ReturnType<typeof createHoldShelf>;

export function createHoldShelf(deps: {
  catalogue: CatalogueRepo;
  requests: RequestRepo;
  patrons: PatronRepo;
  notices: PatronNotices;
  clock: Clock;
}) {
  const { catalogue, requests, patrons, notices, clock } = deps;

  /** The copy is at the request's pickup location, or on its way there. */
  function route(request: RequestView, copyId: number, here: number | null): HoldPlacement {
    const now = clock.now();
    const decided = routeHold({ here, pickupLocationId: request.pickupLocationId, today: libraryDateOf(now), holdDays: request.holdDays });
    catalogue.setCopyStatus(copyId, 'on_hold');
    if (decided.kind === 'transit') {
      if (request.status === 'waiting') requests.sendInTransit(request.id, copyId, now);
      return { kind: 'transit', request };
    }
    requests.makeReady(request.id, copyId, now, decided.collectBy);
    const patron = patrons.findById(request.patronId);
    if (patron) notices.holdReady(patron, request.title, { code: request.pickupCode, name: request.pickupLocation }, decided.collectBy);
    return { kind: 'hold-shelf', request, collectBy: decided.collectBy };
  }

  return {
    /**
     * A copy come free at `here` (a pickup location's id; null when where it is is not known)
     * goes to the first patron waiting for the title, or back on the shelf.
     */
    place(copyId: number, recordId: number, here: number | null): HoldPlacement {
      const next = requests.firstWaiting(recordId);
      if (!next) {
        catalogue.setCopyStatus(copyId, 'available');
        return { kind: 'shelf' };
      }
      return route(next, copyId, here);
    },

    /**
     * A copy in transit, checked in at `here`: at its pickup location it goes on the hold shelf
     * (the patron is mailed, once: the request is then no longer in transit); anywhere else it
     * is still to be sent on. Undefined when the copy is not in transit.
     */
    receive(copyId: number, here: number): HoldPlacement | undefined {
      const travelling = requests.holdingCopy(copyId);
      if (!travelling || travelling.status !== 'in_transit') return undefined;
      return route(travelling, copyId, here);
    },
  };
}
