/**
 * Text from a file, made safe to print on an operator's terminal: control characters (which
 * could move the cursor, rewrite earlier lines or change the terminal's title) become "?", and
 * anything longer than `max` is cut with an ellipsis.
 */
// C0 controls, DEL, C1 controls (together Unicode's Cc), and the bidirectional overrides that reorder what is shown.
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string, max = 200): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return shown.replace(CONTROL, '?');
}
