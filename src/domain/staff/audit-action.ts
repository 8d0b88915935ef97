/** Who acts, and what happened, in the audit log. */

export type AuditActor = 'staff' | 'patron' | 'system';

/** What happened. The words for each live in the message catalogue (audit.action.*). */
export type AuditAction =
  | 'pin.changed'
  | 'pin.reset.online'
  | 'pin.reset.link-sent'
  | 'pin.deleted.counter'
  | 'block.lifted'
  | 'patron.registered'
  // The detail lists what changed (name, email, patron_type, expiry_date, id_number), never a value.
  | 'patron.edited'
  | 'staff.added'
  | 'staff.disabled'
  | 'staff.enabled'
  | 'staff.password-reset'
  // The detail is the account and its roles before and after.
  | 'staff.roles-changed'
  // A logged-in member of staff refused with 403; the detail is the method and the path.
  | 'staff.refused.admin-only'
  | 'staff.refused.role'
  | 'staff.refused.csrf-token'
  | 'staff.refused.cross-site'
  | 'staff.suspension-lifted'
  | 'staff.logged-in'
  // A member's second factor turned on, reset by an admin (the detail names the account), a recovery code spent.
  | 'staff.second-factor-on'
  | 'staff.second-factor-reset'
  | 'staff.recovery-code-used'
  // The detail names the account; never the address.
  | 'staff.email-changed'
  | 'item.checked-out'
  | 'item.checked-in'
  | 'fine.paid'
  // The detail names the thing and its new status (recommendation 12: accepted).
  | 'recommendation.status-changed'
  | 'ill.status-changed'
  | 'ill.copy-uploaded'
  // The detail names the booking, facility or blackout.
  | 'booking.checked-in'
  | 'booking.cancelled'
  | 'booking.no-show'
  | 'facility.added'
  | 'facility.edited'
  | 'blackout.added'
  | 'blackout.deleted'
  // A facility's kiosk link made (the old one retired); the detail names the facility, never the token.
  | 'kiosk.link-made'
  // The detail names the deposit and its new status, or the fields staff edited.
  | 'deposit.status-changed'
  | 'deposit.edited';
