/**
 * A patron's requests for titles: placing one (or the reason the request rules refuse it), looking at
 * one of his own, cancelling it, and the holds that lapse uncollected. A copy freed goes to the next
 * patron waiting, through the hold shelf. Each change is one IMMEDIATE transaction.
 */
import type { Database } from '../../db/engine/database.js';
import type { CatalogueRepo } from '../../db/catalogue/catalogue-repo.js';
import type { FineRepo } from '../../db/circulation/fine-repo.js';
import type { LoanRepo } from '../../db/circulation/loan-repo.js';
import type { LoanRuleRepo } from '../../db/circulation/loan-rule-repo.js';
import type { RequestRepo } from '../../db/circulation/request-repo.js';
import type { RequestView } from '../../domain/circulation/request.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { libraryDateOf } from '../../domain/shared/library-date.js';
import { requestRefusal, type PlaceRequestRefusal } from '../../domain/circulation/request-policy.js';
import type { Clock } from '../../lib/clock.js';
import type { HoldShelf } from './hold-shelf.js';

export type PlaceRequestResult =
  { ok: true; requestId: number; position: number; title: string } | { ok: false; refusal: PlaceRequestRefusal };

export type CancelRequestResult =
  { ok: true; title: string } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'closed'; title: string };
export function createPatronRequests(deps: {
  db: Database;
  catalogue: CatalogueRepo;
  loans: LoanRepo;
  requests: RequestRepo;
  fines: FineRepo;
  rules: LoanRuleRepo;
  holdShelf: HoldShelf;
  clock: Clock;
}) {
  const { db, catalogue, loans, requests, fines, rules, holdShelf, clock } = deps;
  const today = () => libraryDateOf(clock.now());

  return {
    placeRequest(patron: Patron, recordId: number, pickupLocationId: number): PlaceRequestResult {
      return db.transaction(() => {
        const record = catalogue.findRecord(recordId);
        if (!record) return { ok: false, refusal: { code: 'NO_SUCH_RECORD' } };
        if (!requests.pickupLocation(pickupLocationId)) return { ok: false, refusal: { code: 'NO_SUCH_PICKUP' } };
        const refusal = requestRefusal({
          today: today(),
          rule: rules.ruleFor(patron.patronType),
          patronExpiry: patron.expiryDate,
          balance: fines.balance(patron.id),
          copiesOnShelf: catalogue.copiesOnShelf(recordId),
          holdsTitleOnLoan: loans.holdsTitle(patron.id, recordId),
          alreadyRequested: requests.hasOpenForTitle(patron.id, recordId),
          openRequests: requests.openCount(patron.id),
        });
        if (refusal) return { ok: false, refusal };
        const requestId = requests.insert(recordId, patron.id, pickupLocationId, clock.now());
        return { ok: true, requestId, position: requests.find(requestId)?.queuePosition ?? 1, title: record.title };
      });
    },

    /** Holds not collected by their last day lapse; each copy goes to the next patron waiting, or back to the shelf. */
    expireUncollectedHolds(): number {
      return db.transaction(() => {
        const lapsed = requests.uncollectedBefore(today());
        for (const hold of lapsed) {
          requests.setStatus(hold.id, 'cancelled');
          // The copy waits on the hold shelf of the lapsed request's pickup location.
          if (hold.copyId !== null) holdShelf.place(hold.copyId, hold.recordId, hold.pickupLocationId);
        }
        return lapsed.length;
      });
    },

    /** One of the patron's own requests, for the page that asks to confirm cancelling it; another patron's is not found. */
    requestOf(patron: Patron, requestId: number): RequestView | undefined {
      const request = requests.find(requestId);
      return request && request.patronId === patron.id ? request : undefined;
    },

    /**
     * Cancels one of the patron's open requests; a copy held for it goes to the next in the queue.
     * A request of his that is no longer open (cancelled in another tab, collected) is "closed":
     * nothing changes, and he is told so.
     */
    cancelRequest(patron: Patron, requestId: number): CancelRequestResult {
      return db.transaction(() => {
        const request = requests.find(requestId);
        if (!request || request.patronId !== patron.id) return { ok: false, reason: 'not-found' };
        if (!isOpenRequest(request)) return { ok: false, reason: 'closed', title: request.title };
        requests.setStatus(request.id, 'cancelled');
        if (request.status !== 'waiting' && request.copyId !== null) {
          holdShelf.place(request.copyId, request.recordId, request.status === 'ready' ? request.pickupLocationId : null);
        }
        return { ok: true, title: request.title };
      });
    },
  };
}

/** Waiting in the queue, in transit to the pickup location or on its hold shelf: what a patron may still cancel. */
export function isOpenRequest(request: Pick<RequestView, 'status'>): boolean {
  return request.status === 'waiting' || request.status === 'in_transit' || request.status === 'ready';
}
