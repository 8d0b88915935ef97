/**
 * An amount of money as typed at the counter: "12", "12.5", "HK$12.50", " 12 ". Surrounding
 * white space is trimmed first; then no two parts of the pattern can match the same
 * characters, so it runs in linear time however long the input (the old pattern had
 * `\s*` twice in a row and took quadratic time on a run of spaces).
 */
const AMOUNT = /^(?:HK\$\s*)?(\d{1,7})(?:\.(\d{1,2}))?$/i;

/** The longest amount worth reading: "HK$ 1234567.50" and a little room. */
export const AMOUNT_MAX_LENGTH = 32;

/** The amount in cents, or undefined when it is not an amount. */
export function centsOf(raw: string): number | undefined {
  const match = AMOUNT.exec(raw.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
