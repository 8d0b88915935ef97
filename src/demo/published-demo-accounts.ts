/**
 * The demo accounts' PINs and passwords are published (README, start-up log). Production must
 * never run on a database where one of them still opens an account: this finds those accounts
 * by trying each published secret against the stored hash (a few bcrypt comparisons at start).
 */
import type { PatronRepo } from '../db/patrons/patron-repo.js';
import type { StaffRepo } from '../db/staff/staff-repo.js';
import { currentPinHash } from '../domain/patrons/patron.js';
import { normalisePin } from '../domain/pin/pin-rule.js';
import type { PinHasher } from '../services/pin/pin-hasher.js';
import { DEMO_PATRONS } from './demo-patrons.js';
import { DEMO_STAFF } from './demo-staff.js';

/** Names the accounts (patron barcodes, staff usernames) that the published demo secrets still open. */
export async function publishedDemoAccounts(deps: { patrons: PatronRepo; staff: StaffRepo; hasher: PinHasher }): Promise<string[]> {
  const open: string[] = [];
  for (const demo of DEMO_PATRONS) {
    const patron = deps.patrons.findByBarcode(demo.barcode);
    if (patron && (await deps.hasher.compare(normalisePin(demo.pin), currentPinHash(patron)))) open.push(`patron ${demo.barcode}`);
  }
  for (const demo of DEMO_STAFF) {
    const member = deps.staff.findByUsername(demo.username);
    if (member && member.disabledAt === null && (await deps.hasher.compare(demo.password, member.passwordHash)))
      open.push(`staff ${demo.username}`);
  }
  return open;
}
