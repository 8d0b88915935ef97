/** What the benchmark's sections share: how a figure is recorded, and the bench patrons' barcodes and default PINs. */

/** Records one figure: its name, value, goal in words, whether the goal is met, and the detail behind it. */
export type RecordFigure = (figure: string, value: number, goal: string, ok: boolean, detail: string) => void;

/** The i-th imported bench patron's barcode. */
export const barcodeOf = (i: number) => `8${String(i).padStart(7, '0')}`;
/** His default PIN, as the import gives it (a letter and five digits of the passport number). */
export const defaultPinOf = (i: number) => `P${String(i).padStart(5, '0')}`;
