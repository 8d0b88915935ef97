import type { Request, Response } from 'express';
import type { AuditRepo } from '../../db/staff/audit-repo.js';
import type { AuditAction } from '../../domain/staff/audit-action.js';
import type { MessageKey } from '../../messages/index.js';
import { auditDetailText } from './audit-detail-text.js';
import { queryText, ROW_ID, wholeNumber } from '../http/query-params.js';

export const AUDIT_PAGE_SIZE = 50;

/** What each entry says happened; {detail} is the entry's note (an account, an item, an amount). */
const ACTION_MESSAGE: Record<AuditAction, MessageKey> = {
  'pin.changed': 'audit.action.pin.changed',
  'pin.reset.online': 'audit.action.pin.reset.online',
  'pin.reset.link-sent': 'audit.action.pin.reset.link-sent',
  'pin.deleted.counter': 'audit.action.pin.deleted.counter',
  'block.lifted': 'audit.action.block.lifted',
  'patron.registered': 'audit.action.patron.registered',
  'patron.edited': 'audit.action.patron.edited',
  'staff.added': 'audit.action.staff.added',
  'staff.disabled': 'audit.action.staff.disabled',
  'staff.enabled': 'audit.action.staff.enabled',
  'staff.password-reset': 'audit.action.staff.password-reset',
  'staff.refused.admin-only': 'audit.action.staff.refused.admin-only',
  'staff.refused.csrf-token': 'audit.action.staff.refused.csrf-token',
  'staff.refused.cross-site': 'audit.action.staff.refused.cross-site',
  'staff.suspension-lifted': 'audit.action.staff.suspension-lifted',
  'staff.logged-in': 'audit.action.staff.logged-in',
  'staff.second-factor-on': 'audit.action.staff.second-factor-on',
  'staff.second-factor-reset': 'audit.action.staff.second-factor-reset',
  'staff.recovery-code-used': 'audit.action.staff.recovery-code-used',
  'staff.email-changed': 'audit.action.staff.email-changed',
  'item.checked-out': 'audit.action.item.checked-out',
  'item.checked-in': 'audit.action.item.checked-in',
  'fine.paid': 'audit.action.fine.paid',
  'staff.refused.role': 'audit.action.staff.refused.role',
  'staff.roles-changed': 'audit.action.staff.roles-changed',
  'recommendation.status-changed': 'audit.action.recommendation.status-changed',
  'ill.status-changed': 'audit.action.ill.status-changed',
  'ill.copy-uploaded': 'audit.action.ill.copy-uploaded',
  'booking.checked-in': 'audit.action.booking.checked-in',
  'booking.cancelled': 'audit.action.booking.cancelled',
  'booking.no-show': 'audit.action.booking.no-show',
  'facility.added': 'audit.action.facility.added',
  'facility.edited': 'audit.action.facility.edited',
  'blackout.added': 'audit.action.blackout.added',
  'blackout.deleted': 'audit.action.blackout.deleted',
  'kiosk.link-made': 'audit.action.kiosk.link-made',
  'deposit.status-changed': 'audit.action.deposit.status-changed',
  'deposit.edited': 'audit.action.deposit.edited',
};

/** The audit log, for admins: newest first, filtered by patron or staff member, paged. Read-only. */
export function createStaffAuditController(deps: { audit: AuditRepo }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = queryText(req.query.patron, 64).trim().toUpperCase();
      const staff = queryText(req.query.staff, 64).trim().toLowerCase();
      const before = wholeNumber(req.query.before, ROW_ID);
      const rows = deps.audit.search({
        patronBarcode: patron || undefined,
        staffUsername: staff || undefined,
        beforeId: before,
        limit: AUDIT_PAGE_SIZE + 1,
      });
      const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((e) => ({
        ...e,
        actionText: t(ACTION_MESSAGE[e.action], { detail: auditDetailText(e.action, e.detail, res.locals) }),
      }));
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
