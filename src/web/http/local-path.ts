/**
 * Where a form may send the browser next: a path on this site only. Anything that a browser
 * could read as another site (//evil.example, /\evil.example, an absolute URL, encoded or with
 * control characters) falls back to `fallback`, so no page of ours is an open redirect.
 */
const BASE = 'http://myrecord.invalid';
// eslint-disable-next-line no-control-regex -- a path with a backslash, a C0 control character or DEL in it is refused: matching them is the point
const BACKSLASH_OR_CONTROL = /[\\\u0000-\u001f\u007f]/;

export function safeLocalPath(value: string, fallback = '/'): string {
  if (value.length > 2000 || !value.startsWith('/') || value.startsWith('//') || BACKSLASH_OR_CONTROL.test(value)) return fallback;
  try {
    const url = new URL(value, BASE);
    // Checked again after parsing: resolving dot segments can make '//' of a path that did not begin
    // with it ('/.//evil.example'), and a Location of '//evil.example' is another site.
    if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
