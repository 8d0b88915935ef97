/** Staff accounts and the administrators' pages: the accounts, the audit log and the security page. */
import type { SecuritySummaryRepo } from '../db/auth/security-summary-repo.js';
import type { AttemptGate } from '../services/auth/attempt-gate.js';
import type { SecondFactorService } from '../services/auth/second-factor-service.js';
import { createSecurityReportService } from '../services/staff/security-report.js';
import { createStaffAccountService } from '../services/staff/staff-account-service.js';
import { staffRoutes } from '../web/staff/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function staffModule(
  k: Kernel,
  given: { gate: AttemptGate; secondFactor: SecondFactorService; securitySummary: SecuritySummaryRepo },
) {
  const { db, clock, staff, audit, sessionStore } = k;
  const staffAccounts = createStaffAccountService({
    db,
    staff,
    audit,
    hasher: k.hasher,
    clock,
    endStaffSessionsOf: (staffId) => void sessionStore.endStaffSessionsOf(staffId),
    clearSuspension: given.gate.clearSuspension,
    isSuspended: given.gate.isSuspended,
  });
  const reports = createSecurityReportService({ summary: given.securitySummary, clock });
  const area: Area = {
    routes: (web) => staffRoutes({ audit, staff, staffAccounts, secondFactor: given.secondFactor, reports }, web),
  };
  return { area, services: { staffAccounts } };
}
