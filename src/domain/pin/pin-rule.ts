/**
 * One rule a chosen PIN must keep (docs/rules.md §3). Each rule has a code, the
 * field its violation belongs next to, and a check that returns a violation or
 * nothing. The words for each code (a help text shown before anyone types, and
 * the message shown when it is broken) live in the message catalogue.
 */
export type PinField = 'new_pin' | 'confirm_pin';

export interface PinContext {
  /** The shortest PIN a patron may choose (setting PIN_MIN_LENGTH, default 6). */
  minLength: number;
  /** The retyped copy of the new PIN. */
  confirmation?: string;
  /** The current PIN as typed (already checked by the caller), to refuse choosing it again. */
  currentPin?: string;
  /** Common PINs, upper-cased, to refuse (setting REFUSE_COMMON_PINS); absent: not checked. */
  commonPins?: ReadonlySet<string>;
  /** Whether the new PIN equals the default PIN: a bcrypt comparison the caller makes. */
  equalsDefaultPin?: boolean;
}

/** The rules about the new PIN itself: the form lists each of them before anyone types. */
export type NewPinRuleCode =
  | 'PIN_TOO_SHORT'
  | 'PIN_TOO_LONG'
  | 'PIN_CHARACTERS'
  | 'PIN_TRIVIAL_REPEAT'
  | 'PIN_TRIVIAL_BLOCK'
  | 'PIN_COMMON'
  | 'PIN_SAME_AS_CURRENT'
  | 'PIN_SAME_AS_DEFAULT';

/** Every code a chosen PIN can be refused with: the rules, and a new PIN left empty. */
export type PinViolationCode = NewPinRuleCode | 'PIN_CONFIRMATION_MISMATCH' | 'PIN_MISSING';

export interface PinViolation {
  code: PinViolationCode;
  field: PinField;
  params?: Record<string, number | string>;
}

interface RuleOf<C extends PinViolationCode, F extends PinField> {
  code: C;
  field: F;
  /** Values the help text and the message mention, such as the limits. */
  params?(context: PinContext): Record<string, number | string>;
  /** True when the PIN breaks the rule. `pin` is as typed; compare upper-cased. */
  isBrokenBy(pin: string, context: PinContext): boolean;
}

/** A rule about the new PIN itself, shown on the form. */
export type NewPinRule = RuleOf<NewPinRuleCode, 'new_pin'>;

export type PinRule = NewPinRule | RuleOf<'PIN_CONFIRMATION_MISMATCH', 'confirm_pin'>;

/** Letters are not case-sensitive (§3): every comparison is on the upper-cased PIN. */
export function normalisePin(pin: string): string {
  return pin.toUpperCase();
}
