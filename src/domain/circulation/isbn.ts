/** ISBN-13: 13 digits (hyphens and spaces allowed when typed), the last a mod-10 check digit. */
export function normaliseIsbn13(raw: string): string | undefined {
  const digits = raw.replace(/[-\s]/g, '');
  if (!/^97[89]\d{10}$/.test(digits)) return undefined;
  const sum = [...digits.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[12]) ? digits : undefined;
}
