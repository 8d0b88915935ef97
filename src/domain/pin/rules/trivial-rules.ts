import { normalisePin, type PinRule } from '../pin-rule.js';

/** T1: one character three or more times in a row, anywhere ("aaa123", "x7gp3333"). */
export const pinTrivialRepeat: PinRule = {
  code: 'PIN_TRIVIAL_REPEAT',
  field: 'new_pin',
  isBrokenBy: (pin) => /(.)\1\1/.test(normalisePin(pin)),
};

/** T2: a block of 2, 3 or 4 characters repeated immediately, anywhere ("abab12", "abcdabcd"). */
export const pinTrivialBlock: PinRule = {
  code: 'PIN_TRIVIAL_BLOCK',
  field: 'new_pin',
  isBrokenBy: (pin) => /(.{2,4})\1/.test(normalisePin(pin)),
};
