/**
 * Demo staff accounts, loaded with the demo patrons on a new database outside production: one
 * for each role of the console. Their passwords are printed at start: they are for trying the
 * console, never for a library.
 */
import type { StaffAccountService } from '../services/staff/staff-account-service.js';
import type { StaffRole } from '../domain/staff/staff.js';

export const DEMO_STAFF = [
  { username: 'admin', roles: ['admin'], password: 'demo-admin-password' },
  { username: 'counter', roles: ['circulation'], password: 'demo-counter-password' },
  { username: 'acquisitions', roles: ['acquisitions'], password: 'demo-acquisitions-password' },
  { username: 'ill', roles: ['ill'], password: 'demo-ill-password' },
  { username: 'repository', roles: ['repository'], password: 'demo-repository-password' },
  { username: 'facilities', roles: ['facilities'], password: 'demo-facilities-password' },
] as const satisfies ReadonlyArray<{ username: string; roles: readonly StaffRole[]; password: string }>;

export async function loadDemoStaff(staffAccounts: StaffAccountService): Promise<void> {
  for (const member of DEMO_STAFF) {
    const result = await staffAccounts.add(member, { commandLine: true });
    if (!result.ok) throw new Error(`the demo staff account ${member.username} could not be added`);
  }
}
