import type { Portal } from '../portal.js';
import { loadDemoPatrons } from './demo-patrons.js';
import { loadDemoStaff } from './demo-staff.js';
import { loadDemoCirculation } from './demo-circulation.js';
import { loadDemoRecommendations } from './demo-recommendations.js';
import { loadDemoIll } from './demo-ill.js';
import { loadDemoBookings } from './demo-bookings.js';
import { loadDemoDeposits } from './demo-deposits.js';

/**
 * Everything a new demo portal holds, in the order each part needs the one before: the patrons
 * and staff, the catalogue with loans, a request and a fine, recommendations, interlibrary loans,
 * bookings and deposits. The server loads it on a new database outside production; tests too.
 */
export async function loadDemo(portal: Portal): Promise<void> {
  await loadDemoPatrons({ importer: portal.importer, patrons: portal.patrons, hasher: portal.hasher, now: portal.clock.now });
  await loadDemoStaff(portal.staffAccounts);
  loadDemoCirculation(portal);
  loadDemoRecommendations(portal);
  await loadDemoIll(portal);
  loadDemoBookings(portal);
  await loadDemoDeposits(portal);
}
