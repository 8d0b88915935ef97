import { normalisePin, type PinRule } from '../pin-rule.js';

/** Not a PIN from a list of the most common passwords (123456, abc123, password…). */
export const pinCommon: PinRule = {
  code: 'PIN_COMMON',
  field: 'new_pin',
  isBrokenBy: (pin, context) => context.commonPins?.has(normalisePin(pin)) === true,
};
