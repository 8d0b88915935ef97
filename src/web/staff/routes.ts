/** The administrators' pages: the audit log, staff accounts and the security page. */
import { Router } from 'express';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import type { SecurityReportService } from '../../services/staff/security-report.js';
import type { StaffAccountService } from '../../services/staff/staff-account-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createStaffAccountsController } from './staff-accounts-controller.js';
import { createStaffAuditController } from './staff-audit-controller.js';
import { createStaffSecurityController } from './staff-security-controller.js';

export function staffRoutes(
  deps: {
    audit: AuditRepo;
    staff: StaffRepo;
    staffAccounts: StaffAccountService;
    secondFactor: SecondFactorService;
    reports: SecurityReportService;
  },
  web: WebKit,
): Router {
  const audit = createStaffAuditController({ audit: deps.audit });
  const accounts = createStaffAccountsController({ staff: deps.staff, staffAccounts: deps.staffAccounts, secondFactor: deps.secondFactor });
  const security = createStaffSecurityController({ reports: deps.reports });

  const router = Router();
  const admin = web.guards.admin;
  router.get('/staff/audit', ...admin, audit.show);
  router.get('/staff/accounts', ...admin, accounts.show);
  router.post('/staff/accounts', ...admin, accounts.add);
  router.post('/staff/accounts/:username/disable', ...admin, accounts.setDisabled(true));
  router.post('/staff/accounts/:username/enable', ...admin, accounts.setDisabled(false));
  router.post('/staff/accounts/:username/password', ...admin, accounts.setPassword);
  router.post('/staff/accounts/:username/roles', ...admin, accounts.setRoles);
  router.post('/staff/accounts/:username/suspension/lift', ...admin, accounts.liftSuspension);
  router.post('/staff/accounts/:username/email', ...admin, accounts.setEmail);
  // The security page: attempts as the gate saw them, counted per minute as they happen.
  router.get('/staff/security', ...admin, security.show);
  router.get('/staff/security.csv', ...admin, security.csv);
  return router;
}
