/**
 * Where a copy goes when it comes free for a request. Only a copy at the
 * request's pickup location waits on that hold shelf, and the patron's days to collect it count
 * from the day it is there. Anywhere else, or when where the copy is is not known (a hold
 * cancelled while the copy was on its way), it is sent to the pickup location first, and the
 * patron hears nothing until it arrives.
 */
import { addDays, type LibraryDate } from '../shared/library-date.js';

export interface HoldRouteFacts {
  /** The pickup location where the copy is now (the counter checking it in); null when not known. */
  here: number | null;
  pickupLocationId: number;
  today: LibraryDate;
  /** Days a copy waits on the pickup location's hold shelf. */
  holdDays: number;
}

export type HoldRoute = { kind: 'hold-shelf'; collectBy: LibraryDate } | { kind: 'transit' };

export function routeHold(facts: HoldRouteFacts): HoldRoute {
  if (facts.here !== null && facts.here === facts.pickupLocationId)
    return { kind: 'hold-shelf', collectBy: addDays(facts.today, facts.holdDays) };
  return { kind: 'transit' };
}
