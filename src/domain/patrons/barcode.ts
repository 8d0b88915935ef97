/**
 * The patron's library barcode (card / University ID number), docs/rules.md §1.
 * White space around it is trimmed and letters upper-cased before any use, so
 * " 12345678d " and "12345678D" are the same patron.
 */
export const BARCODE_MAX_LENGTH = 32;

export type BarcodeResult = { ok: true; barcode: string } | { ok: false; code: 'BARCODE_MISSING' | 'BARCODE_MALFORMED' };

export function normaliseBarcode(raw: string): BarcodeResult {
  const barcode = raw.trim().toUpperCase();
  if (barcode === '') return { ok: false, code: 'BARCODE_MISSING' };
  if (barcode.length > BARCODE_MAX_LENGTH || !/^[A-Z0-9]+$/.test(barcode)) {
    return { ok: false, code: 'BARCODE_MALFORMED' };
  }
  return { ok: true, barcode };
}
