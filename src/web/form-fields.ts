/**
 * Reading posted fields. A client may send anything: a missing body, a field twice
 * (which the parser turns into an array), or nothing at all. Each named field comes back
 * as a string ('' when missing), or the read fails when a field was repeated.
 */
export type FieldsResult<K extends string> = { ok: true; values: Record<K, string> } | { ok: false; repeated: K[] };

export function readFields<K extends string>(body: unknown, names: readonly K[]): FieldsResult<K> {
  const source = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values = {} as Record<K, string>;
  const repeated: K[] = [];
  for (const name of names) {
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    if (typeof value === 'string') values[name] = value;
    else if (value === undefined) values[name] = '';
    else repeated.push(name);
  }
  return repeated.length > 0 ? { ok: false, repeated } : { ok: true, values };
}

/** A field that may be sent several times (check boxes): its values, or undefined if anything but strings came. */
export function readList(body: unknown, name: string): string[] | undefined {
  const source = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const value = Object.hasOwn(source, name) ? source[name] : undefined;
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  return undefined;
}
