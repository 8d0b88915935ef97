/**
 * A sentence as a page shows it: EJS escapes ampersands, quotes and angle brackets, so a test looks
 * for the escaped form of a catalogue message in the HTML.
 */
export function asShown(sentence: string): string {
  return sentence
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
