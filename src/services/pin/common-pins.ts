/**
 * Common PINs, from a maintained password dictionary (zxcvbn-ts's most common passwords)
 * rather than a list typed here: the entries a PIN could be (PIN_MIN_LENGTH to 8 letters and
 * digits), upper-cased, since PINs are not case-sensitive.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { PIN_MAX_LENGTH } from '../../domain/pin/rules/length-rules.js';
import { normalisePin } from '../../domain/pin/pin-rule.js';

export function loadCommonPins(minLength = 6): ReadonlySet<string> {
  const shape = new RegExp(`^[A-Za-z0-9]{${minLength},${PIN_MAX_LENGTH}}$`);
  return new Set(dictionary['passwords-common'].filter((word) => shape.test(word)).map(normalisePin));
}
