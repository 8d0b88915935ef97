/** What an "Edit patron" changed, in words: the audit log lists the fields, never their values. */
import type { Locale } from '../../domain/shared/locale.js';
import { formattersFor } from '../../messages/format.js';
import type { MessageKey, Translate } from '../../messages/index.js';
import { PATRON_CHANGES, type PatronChange } from '../../services/patrons/patron-edit.js';

export const PATRON_CHANGE_LABEL: Record<PatronChange, MessageKey> = {
  name: 'staff.edit.change.name',
  email: 'staff.edit.change.email',
  patron_type: 'staff.edit.change.patron_type',
  expiry_date: 'staff.edit.change.expiry_date',
  id_number: 'staff.edit.change.id_number',
};

function isPatronChange(value: string): value is PatronChange {
  return (PATRON_CHANGES as readonly string[]).includes(value);
}

/**
 * The audit entry's detail ("name,id_number") as a list in the reader's language: "name and ID
 * number", "姓名和身份證明文件號碼". The language's own list format joins the words.
 */
export function patronChangesText(detail: string, t: Translate, locale: Locale): string {
  const labels = detail
    .split(',')
    .filter(isPatronChange)
    .map((change) => t(PATRON_CHANGE_LABEL[change]));
  return formattersFor(locale).formatList(labels);
}
