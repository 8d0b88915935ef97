/**
 * An audit entry's detail in the reader's language. The services write the detail once, in a fixed
 * form of codes and English words ("12 "Title": under_review, reason …", "395 bytes"); this reads
 * the forms it knows back into their parts and says them through the catalogue, so a Chinese page
 * shows no status code, role code or byte count. A detail in a form it does not know (an old row,
 * a new kind of entry) is shown as it was written rather than guessed at.
 */
import type { AuditAction } from '../../domain/staff/audit-action.js';
import { isCalendarDate } from '../../domain/shared/library-date.js';
import { DEPOSIT_FIELDS, type DepositField } from '../../domain/deposit/deposit-form.js';
import { isDepositStatus } from '../../domain/deposit/deposit.js';
import { isIllStatus } from '../../domain/ill/ill-request.js';
import { LOCALE_INFO, type Locale } from '../../domain/shared/locale.js';
import { STATUSES, type RecommendationStatus } from '../../domain/recommendation/recommendation-status.js';
import { isStaffRole } from '../../domain/staff/staff.js';
import type { Localizer } from '../../messages/index.js';
import { REC_STATUS } from '../../messages/recommendation-words.js';
import { DEPOSIT_STATUS_TEXT } from '../../services/deposit/deposit-notes.js';
import { DEPOSIT_FIELD_LABEL } from '../deposit/deposit-labels.js';
import { statusText as illStatusText } from '../ill/ill-labels.js';
import { formatFileSize } from '../http/file-size.js';
import { patronChangesText } from '../patrons/patron-change-labels.js';
import { rolesText } from './staff-role-labels.js';

type Words = Pick<Localizer, 't' | 'locale' | 'formatMoney' | 'formatDate'>;

/** "12 "Title": rest" — the form of every detail about a request, recommendation or deposit. */
const TITLED = /^(\d+) "(.*?)": (.*)$/s;
/** "booking 12: Room 3, 2026-12-07" and what may follow it after "; ". */
const BOOKING = /^booking (\d+): (.*), (\d{4}-\d{2}-\d{2})(?:; (.*))?$/s;

function list(items: string[], locale: Locale): string {
  return new Intl.ListFormat(LOCALE_INFO[locale].intl, { type: 'conjunction' }).format(items);
}

/** A line and the notes that go with it: "…; reason: …" (in Chinese with a full-width semicolon). */
function withNotes(line: string, notes: string[], l: Words): string {
  return notes.reduce((said, note) => l.t('audit.detail.withNote', { line: said, note }), line);
}

/** "circulation, admin" as the reader's list of role names; undefined when a word is no role. */
function roles(codes: string, l: Words): string | undefined {
  const each = codes.split(',').map((code) => code.trim());
  return each.every(isStaffRole) ? rolesText(each, l.t, l.locale) : undefined;
}

function illStatus(detail: string, l: Words): string | undefined {
  const m = TITLED.exec(detail);
  if (!m) return undefined;
  const [, id, title, rest] = m as unknown as [string, string, string, string];
  // "sent, lender X, due 2027-01-31, reason Y": the status first, then each note the step had.
  const [status, ...notes] = rest.split(', ');
  if (!isIllStatus(status)) return undefined;
  const parts: string[] = [];
  for (const note of notes.join(', ').split(/, (?=(?:lender|due|reason) )/)) {
    if (note === '') continue;
    const [, word, value] = /^(lender|due|reason) (.*)$/s.exec(note) ?? [];
    if (value === undefined) return undefined;
    if (word === 'lender') parts.push(l.t('audit.detail.lender', { lender: value }));
    else if (word === 'due') parts.push(l.t('audit.detail.due', { due: isCalendarDate(value) ? l.formatDate(value) : value }));
    else parts.push(l.t('audit.detail.reason', { reason: value }));
  }
  return withNotes(l.t('audit.detail.request', { id, title, status: illStatusText(status, l.t, 'staff') }), parts, l);
}

function illCopy(detail: string, l: Words): string | undefined {
  const m = TITLED.exec(detail);
  const copy = m ? /^(\d+) bytes, SHA-256 ([0-9a-f]+)$/.exec(m[3]!) : null;
  if (!m || !copy) return undefined;
  return l.t('audit.detail.copy', { id: m[1]!, title: m[2]!, size: formatFileSize(Number(copy[1]), l.t, l.locale), sha256: copy[2]! });
}

function recommendationStatus(detail: string, l: Words): string | undefined {
  const m = TITLED.exec(detail);
  const step = m ? /^(\w+) \((\d+) mailed\)$/.exec(m[3]!) : null;
  if (!m || !step || !(STATUSES as readonly string[]).includes(step[1]!)) return undefined;
  return l.t('audit.detail.recommendation', {
    id: m[1]!,
    title: m[2]!,
    status: l.t(REC_STATUS[step[1] as RecommendationStatus]),
    mailed: Number(step[2]),
  });
}

function depositStatus(detail: string, l: Words): string | undefined {
  const m = TITLED.exec(detail);
  const step = m ? /^(\w+)(?:, reason (.*))?$/s.exec(m[3]!) : null;
  if (!m || !step || !isDepositStatus(step[1])) return undefined;
  const line = l.t('audit.detail.request', { id: m[1]!, title: m[2]!, status: l.t(DEPOSIT_STATUS_TEXT[step[1]]) });
  return withNotes(line, step[2] === undefined ? [] : [l.t('audit.detail.reason', { reason: step[2] })], l);
}

function depositEdit(detail: string, l: Words): string | undefined {
  const m = TITLED.exec(detail);
  if (!m) return undefined;
  const fields = m[3]!.split(', ');
  if (!fields.every((f) => (DEPOSIT_FIELDS as readonly string[]).includes(f))) return undefined;
  const changed = list(
    fields.map((f) => l.t(DEPOSIT_FIELD_LABEL[f as DepositField])),
    l.locale,
  );
  return l.t('audit.detail.request', { id: m[1]!, title: m[2]!, status: changed });
}

function booking(detail: string, l: Words): string | undefined {
  const m = BOOKING.exec(detail);
  if (!m) return undefined;
  const [, id, facility, date, more] = m as unknown as [string, string, string, string, string | undefined];
  const line = l.t('audit.detail.booking', { id, facility, date: l.formatDate(date) });
  if (more === undefined) return line;
  if (more === 'at its kiosk') return withNotes(line, [l.t('audit.detail.atKiosk')], l);
  const note = /^(reason|blackout): (.*)$/s.exec(more);
  if (!note) return undefined;
  const said = l.t(note[1] === 'reason' ? 'audit.detail.reason' : 'audit.detail.blackout', { reason: note[2]!, blackout: note[2]! });
  return withNotes(line, [said], l);
}

function kiosk(detail: string, l: Words): string | undefined {
  const m = /^facility (\d+): (.*)$/s.exec(detail);
  return m ? l.t('audit.detail.facility', { id: m[1]!, name: m[2]! }) : undefined;
}

function staffAdded(detail: string, l: Words): string | undefined {
  const m = /^(\S+) \((.*)\)$/.exec(detail);
  const named = m ? roles(m[2]!, l) : undefined;
  return m && named ? l.t('audit.detail.account', { username: m[1]!, roles: named }) : undefined;
}

function rolesChanged(detail: string, l: Words): string | undefined {
  const m = /^(\S+): (.*) → (.*)$/.exec(detail);
  const before = m ? roles(m[2]!, l) : undefined;
  const after = m ? roles(m[3]!, l) : undefined;
  return m && before && after ? l.t('audit.detail.rolesChanged', { username: m[1]!, before, after }) : undefined;
}

const READERS: Partial<Record<AuditAction, (detail: string, l: Words) => string | undefined>> = {
  // A payment's detail is its amount in cents; an edit's lists the fields that changed, never their values.
  'fine.paid': (detail, l) => (/^\d+$/.test(detail) ? l.formatMoney(Number(detail)) : undefined),
  'patron.edited': (detail, l) => patronChangesText(detail, l.t, l.locale),
  'staff.added': staffAdded,
  'staff.roles-changed': rolesChanged,
  'ill.status-changed': illStatus,
  'ill.copy-uploaded': illCopy,
  'recommendation.status-changed': recommendationStatus,
  'deposit.status-changed': depositStatus,
  'deposit.edited': depositEdit,
  'booking.checked-in': booking,
  'booking.cancelled': booking,
  'booking.no-show': booking,
  'kiosk.link-made': kiosk,
};

export function auditDetailText(action: AuditAction, detail: string | null, l: Words): string {
  if (detail === null || detail === '') return '';
  return READERS[action]?.(detail, l) ?? detail;
}
