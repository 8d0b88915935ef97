/**
 * The policy for a PIN a patron chooses (docs/rules.md §3): a list of rules, every
 * one of them checked, every violation returned, so the form can show them all at once.
 * Settings: minLength (PIN_MIN_LENGTH, default 6); the maximum of 8 is the library's;
 * the list of common PINs (REFUSE_COMMON_PINS, on by default).
 */
import type { NewPinRule, PinContext, PinRule, PinViolation } from './pin-rule.js';
import { pinTooLong, pinTooShort } from './rules/length-rules.js';
import { pinCharacters } from './rules/characters-rule.js';
import { pinTrivialBlock, pinTrivialRepeat } from './rules/trivial-rules.js';
import { pinCommon } from './rules/common-rule.js';
import { pinConfirmationMismatch, pinSameAsCurrent, pinSameAsDefault } from './rules/difference-rules.js';

export const CHOSEN_PIN_RULES: readonly PinRule[] = [
  pinTooShort,
  pinTooLong,
  pinCharacters,
  pinTrivialRepeat,
  pinTrivialBlock,
  pinCommon,
  pinSameAsCurrent,
  pinSameAsDefault,
  pinConfirmationMismatch,
];

/** The rules a patron reads on the form before typing: those about the new PIN itself. */
export const RULES_SHOWN_ON_FORM: readonly NewPinRule[] = CHOSEN_PIN_RULES.filter((rule) => rule.field === 'new_pin');

export function violationOf(rule: PinRule, context: PinContext): PinViolation {
  const params = rule.params?.(context);
  return params ? { code: rule.code, field: rule.field, params } : { code: rule.code, field: rule.field };
}

export function validateChosenPin(pin: string, context: PinContext, rules: readonly PinRule[] = CHOSEN_PIN_RULES): PinViolation[] {
  if (pin === '') return [{ code: 'PIN_MISSING', field: 'new_pin' }];
  return rules.filter((rule) => rule.isBrokenBy(pin, context)).map((rule) => violationOf(rule, context));
}
