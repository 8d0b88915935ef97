import type { Request, Response } from 'express';
import { usesDefaultPin } from '../../domain/patrons/patron.js';
import { RULES_SHOWN_ON_FORM, violationOf } from '../../domain/pin/pin-policy.js';
import type { NewPinRuleCode } from '../../domain/pin/pin-rule.js';
import type { MessageKey, Translate } from '../../messages/index.js';
import type { PinChangeService, PinFormViolation } from '../../services/pin/pin-change-service.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from '../auth/device-cookie.js';
import { formFailureMessage, postedValue, readFields } from '../http/form-fields.js';
import { refuse } from '../auth/refusal.js';
import { startSession } from '../session/session-helpers.js';
import { returnPath } from '../auth/return-path.js';

type PinField = 'current_pin' | 'new_pin' | 'confirm_pin';
type FieldErrors = Partial<Record<PinField, string[]>>;

const PIN_LABELS: Record<PinField, MessageKey> = {
  current_pin: 'pinModify.currentPin',
  new_pin: 'pinModify.newPin',
  confirm_pin: 'pinModify.confirmPin',
};

/** Each rule about the new PIN, in words, before anyone types. */
const RULE_HELP: Record<NewPinRuleCode, MessageKey> = {
  PIN_TOO_SHORT: 'pinRule.PIN_TOO_SHORT.help',
  PIN_TOO_LONG: 'pinRule.PIN_TOO_LONG.help',
  PIN_CHARACTERS: 'pinRule.PIN_CHARACTERS.help',
  PIN_TRIVIAL_REPEAT: 'pinRule.PIN_TRIVIAL_REPEAT.help',
  PIN_TRIVIAL_BLOCK: 'pinRule.PIN_TRIVIAL_BLOCK.help',
  PIN_COMMON: 'pinRule.PIN_COMMON.help',
  PIN_SAME_AS_CURRENT: 'pinRule.PIN_SAME_AS_CURRENT.help',
  PIN_SAME_AS_DEFAULT: 'pinRule.PIN_SAME_AS_DEFAULT.help',
};

const VIOLATION_MESSAGE: Record<PinFormViolation['code'], MessageKey> = {
  CURRENT_PIN_MISSING: 'pinModify.CURRENT_PIN_MISSING',
  CURRENT_PIN_MALFORMED: 'pinModify.CURRENT_PIN_MALFORMED',
  PIN_MISSING: 'pinRule.PIN_MISSING.error',
  PIN_TOO_SHORT: 'pinRule.PIN_TOO_SHORT.error',
  PIN_TOO_LONG: 'pinRule.PIN_TOO_LONG.error',
  PIN_CHARACTERS: 'pinRule.PIN_CHARACTERS.error',
  PIN_TRIVIAL_REPEAT: 'pinRule.PIN_TRIVIAL_REPEAT.error',
  PIN_TRIVIAL_BLOCK: 'pinRule.PIN_TRIVIAL_BLOCK.error',
  PIN_COMMON: 'pinRule.PIN_COMMON.error',
  PIN_SAME_AS_CURRENT: 'pinRule.PIN_SAME_AS_CURRENT.error',
  PIN_SAME_AS_DEFAULT: 'pinRule.PIN_SAME_AS_DEFAULT.error',
  PIN_CONFIRMATION_MISMATCH: 'pinRule.PIN_CONFIRMATION_MISMATCH.error',
};

function messageOf(violation: PinFormViolation, t: Translate): string {
  return t(VIOLATION_MESSAGE[violation.code], 'params' in violation ? violation.params : undefined);
}

export function createPinModifyController(deps: { pinChange: PinChangeService; minPinLength: number; devices: DeviceCookie }) {
  const rules = (t: Translate) =>
    RULES_SHOWN_ON_FORM.map((rule) => {
      const { params } = violationOf(rule, { minLength: deps.minPinLength });
      return t(RULE_HELP[rule.code], params);
    });

  function renderForm(res: Response, status: number, view: { alert?: string; errors?: FieldErrors; next?: string | undefined }) {
    const patron = res.locals.patron!;
    res.status(status).render('pin/modify', {
      rules: rules(res.locals.t),
      mustChange: usesDefaultPin(patron),
      errors: {},
      next: view.next ?? '',
      alert: undefined,
      ...view,
    });
  }

  return {
    /** `?next=`: the page a patron on the default PIN had asked for, where he goes once he has chosen one. */
    show(req: Request, res: Response) {
      renderForm(res, 200, { next: returnPath('patron', req.query.next) });
    },

    async submit(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = res.locals.patron!;
      const next = returnPath('patron', postedValue(req.body, 'next'));
      const form = readFields(req.body, ['current_pin', 'new_pin', 'confirm_pin']);
      if (!form.ok) return renderForm(res, 422, { alert: formFailureMessage(form, t, PIN_LABELS), next });
      const { current_pin: currentPin, new_pin: newPin, confirm_pin: confirmPin } = form.values;
      // Back to Modify PIN itself is no place to go after changing it.
      const after = next === undefined || next.startsWith('/pin/modify') ? '/myrecord' : next;

      const result = await deps.pinChange.changePin(
        patron.id,
        { currentPin, newPin, confirmPin },
        clientAddress(req),
        deps.devices.read(req),
      );
      switch (result.kind) {
        case 'invalid': {
          const errors: FieldErrors = {};
          for (const violation of result.violations) (errors[violation.field] ??= []).push(messageOf(violation, t));
          return renderForm(res, 422, { errors, alert: t('form.fixErrors'), next });
        }
        case 'blocked': {
          const alert = refuse(res, result.refusal, { keyBlocked: 'pinModify.blocked', suspended: 'refusal.suspended.patron' });
          return renderForm(res, 429, { alert, next });
        }
        case 'wrong-current-pin':
          return renderForm(res, 401, { alert: t('pinModify.wrongCurrent'), errors: { current_pin: [t('pinModify.wrongCurrent')] }, next });
        case 'changed':
          await startSession(req, { patronId: patron.id, pinStamp: result.changedAt }, { key: 'pinModify.done' });
          return res.redirect(303, after);
      }
    },
  };
}
