/**
 * Reading posted fields. A client may send anything: a missing body, a field twice
 * (which the parser turns into an array), nothing at all, or a value of 60,000 characters.
 * Each named field comes back as a string ('' when missing), or the read fails when a
 * field was repeated or is longer than its maximum. The length is checked here, before
 * any pattern or rule reads the value, so no regular expression ever sees a long input.
 */
import type { MessageKey, Translate } from '../../messages/index.js';

/**
 * Longer than any field of any form needs (the longest, an e-mail address, may have 254
 * characters; the rules of each field say more precisely what is allowed).
 */
export const FIELD_MAX_LENGTH = 1000;

export type FormFailure<K extends string> =
  { ok: false; problem: 'repeated'; fields: K[] } | { ok: false; problem: 'too-long'; field: K; maxLength: number };

export type FieldsResult<K extends string> = { ok: true; values: Record<K, string> } | FormFailure<K>;

/** Per field, a maximum other than FIELD_MAX_LENGTH. */
export type MaxLengths<K extends string> = Partial<Record<K, number>>;

function fieldsOf(body: unknown): Record<string, unknown> {
  return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
}

export function readFields<K extends string>(body: unknown, names: readonly K[], maxLengths: MaxLengths<K> = {}): FieldsResult<K> {
  const source = fieldsOf(body);
  const values = {} as Record<K, string>;
  const repeated: K[] = [];
  let tooLong: { field: K; maxLength: number } | undefined;
  for (const name of names) {
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    const maxLength = maxLengths[name] ?? FIELD_MAX_LENGTH;
    if (typeof value === 'string') {
      values[name] = value;
      if (value.length > maxLength) tooLong ??= { field: name, maxLength };
    } else if (value === undefined) values[name] = '';
    else repeated.push(name);
  }
  if (repeated.length > 0) return { ok: false, problem: 'repeated', fields: repeated };
  if (tooLong) return { ok: false, problem: 'too-long', ...tooLong };
  return { ok: true, values };
}

/** One posted field as sent, whatever it is (a string, an array, nothing), for a helper that checks it itself. */
export function postedValue(body: unknown, name: string): unknown {
  const source = fieldsOf(body);
  return Object.hasOwn(source, name) ? source[name] : undefined;
}

/**
 * A field that may be sent several times (check boxes): its values, none when missing.
 * The read fails when anything but strings came, or a value is longer than maxLength.
 */
export function readList<K extends string>(
  body: unknown,
  name: K,
  maxLength = FIELD_MAX_LENGTH,
): { ok: true; values: string[] } | FormFailure<K> {
  const source = fieldsOf(body);
  const value = Object.hasOwn(source, name) ? source[name] : undefined;
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string'))
    return { ok: false, problem: 'repeated', fields: [name] };
  if (values.some((v) => v.length > maxLength)) return { ok: false, problem: 'too-long', field: name, maxLength };
  return { ok: true, values };
}

/**
 * What a form that could not be read says, for the page's alert: a field sent twice, or
 * one too long, named by the label the form shows for it.
 */
export function formFailureMessage<K extends string>(failure: FormFailure<K>, t: Translate, labels: Record<K, MessageKey>): string {
  if (failure.problem === 'repeated') return t('form.repeatedField');
  return t('form.fieldTooLong', { field: t(labels[failure.field]), max: failure.maxLength });
}
