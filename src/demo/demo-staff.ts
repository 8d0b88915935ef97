/**
 * Demo staff accounts, loaded with the demo patrons on a new database outside production.
 * Their passwords are printed at start: they are for trying the console, never for a library.
 */
import type { StaffAccountService } from '../services/staff-account-service.js';

export const DEMO_STAFF = [
  { username: 'admin', role: 'admin', password: 'demo-admin-password' },
  { username: 'counter', role: 'circulation', password: 'demo-counter-password' },
] as const;

export async function loadDemoStaff(staffAccounts: StaffAccountService): Promise<void> {
  for (const member of DEMO_STAFF) {
    const result = await staffAccounts.add(member, { commandLine: true });
    if (!result.ok) throw new Error(`the demo staff account ${member.username} could not be added`);
  }
}
