import { normalisePin, type PinRule } from '../pin-rule.js';

export const pinSameAsCurrent: PinRule = {
  code: 'PIN_SAME_AS_CURRENT',
  field: 'new_pin',
  isBrokenBy: (pin, context) => context.currentPin !== undefined && normalisePin(pin) === normalisePin(context.currentPin),
};

/** The caller decides equality with the default PIN, since only its hash is kept. */
export const pinSameAsDefault: PinRule = {
  code: 'PIN_SAME_AS_DEFAULT',
  field: 'new_pin',
  isBrokenBy: (_pin, context) => context.equalsDefaultPin === true,
};

export const pinConfirmationMismatch: PinRule = {
  code: 'PIN_CONFIRMATION_MISMATCH',
  field: 'confirm_pin',
  isBrokenBy: (pin, context) => context.confirmation !== undefined && normalisePin(pin) !== normalisePin(context.confirmation),
};
