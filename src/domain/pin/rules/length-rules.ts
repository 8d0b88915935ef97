import type { PinRule } from '../pin-rule.js';

/** The library's rule: "no more than 8 alphanumeric characters". */
export const PIN_MAX_LENGTH = 8;

export const pinTooShort: PinRule = {
  code: 'PIN_TOO_SHORT',
  field: 'new_pin',
  params: (context) => ({ min: context.minLength }),
  isBrokenBy: (pin, context) => pin.length < context.minLength,
};

/** A longer PIN is refused, never cut short. */
export const pinTooLong: PinRule = {
  code: 'PIN_TOO_LONG',
  field: 'new_pin',
  params: () => ({ max: PIN_MAX_LENGTH }),
  isBrokenBy: (pin) => pin.length > PIN_MAX_LENGTH,
};
