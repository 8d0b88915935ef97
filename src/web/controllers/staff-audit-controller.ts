import type { Request, Response } from 'express';
import type { AuditRepo } from '../../db/audit-repo.js';
import { queryText, ROW_ID, wholeNumber } from '../query-params.js';

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, for admins: newest first, filtered by patron or staff member, paged. Read-only. */
export function createStaffAuditController(deps: { audit: AuditRepo }) {
  return {
    show(req: Request, res: Response) {
      const patron = queryText(req.query.patron, 64).trim().toUpperCase();
      const staff = queryText(req.query.staff, 64).trim().toLowerCase();
      const before = wholeNumber(req.query.before, ROW_ID);
      const rows = deps.audit.search({
        patronBarcode: patron || undefined,
        staffUsername: staff || undefined,
        beforeId: before,
        limit: AUDIT_PAGE_SIZE + 1,
      });
      // A payment's detail is its amount in cents: shown as money.
      const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((e) => (e.action === 'fine.paid' && e.detail ? { ...e, detail: res.locals.formatMoney(Number(e.detail)) } : e));
      const older = rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]?.id : undefined;
      const link = (extra: Record<string, string>) =>
        `/staff/audit?${new URLSearchParams({ ...(patron ? { patron } : {}), ...(staff ? { staff } : {}), ...extra }).toString()}`;
      res.render('staff/audit', {
        patron,
        staff,
        entries,
        olderLink: older ? link({ before: String(older) }) : undefined,
        newestLink: before !== undefined ? link({}) : undefined,
      });
    },
  };
}
