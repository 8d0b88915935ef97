/**
 * Reading what a client put in a URL: query-string values and route parameters. A name may
 * come twice (an array) or not at all, and a "number" may be 1e20, Infinity, -1 or 400
 * digits long. Each helper returns something a page can use, or nothing, so that no such
 * value reaches a query or a sum.
 */

/** A row id: 1 and up, as large as a JavaScript number holds exactly. */
export const ROW_ID = { min: 1, max: Number.MAX_SAFE_INTEGER } as const;

/** One text value cut to maxLength characters; '' when missing or sent more than once. */
export function queryText(value: unknown, maxLength: number): string {
  return typeof value === 'string' ? value.slice(0, maxLength) : '';
}

/**
 * A whole number written in plain digits (no sign, exponent, point or space) within
 * [min, max]; otherwise undefined, and the caller chooses the fallback or a 404.
 * Also for a number from a form field, such as the id of a chosen option.
 */
export function wholeNumber(value: unknown, range: { min: number; max: number }): number | undefined {
  // Fifteen digits always fit a number exactly; more are past any range used here.
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= range.min && number <= range.max ? number : undefined;
}
