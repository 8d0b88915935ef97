import type { StaffRole } from '../../domain/staff/staff.js';
import type { Locale, MessageKey, Translate } from '../../messages/index.js';
import { formattersFor } from '../../messages/format.js';

/** Each role in the reader's words (the accounts page, the masthead). */
export const ROLE_LABEL: Record<StaffRole, MessageKey> = {
  circulation: 'staff.role.circulation',
  acquisitions: 'staff.role.acquisitions',
  ill: 'staff.role.ill',
  repository: 'staff.role.repository',
  facilities: 'staff.role.facilities',
  admin: 'staff.role.admin',
};

/** An account's roles as one list in the reader's language: "acquisitions and interlibrary loans", 「採購和館際互借」. */
export function rolesText(roles: readonly StaffRole[], t: Translate, locale: Locale): string {
  return formattersFor(locale).formatList(roles.map((role) => t(ROLE_LABEL[role])));
}
