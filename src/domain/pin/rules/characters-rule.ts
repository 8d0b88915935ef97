import type { PinRule } from '../pin-rule.js';

/** ASCII letters and digits only: no spaces, punctuation or other alphabets. */
export const pinCharacters: PinRule = {
  code: 'PIN_CHARACTERS',
  field: 'new_pin',
  isBrokenBy: (pin) => !/^[A-Za-z0-9]*$/.test(pin),
};
