/**
 * The one shape of a login form, for patrons (/login) and staff (/staff/login): read the name and
 * the secret, ask the service, and turn its answer into the page. 422 with a message per field,
 * 429 when the attempt gate refused, 401 for a wrong secret (the same for an unknown name), or a
 * new session, the browser trusted for the key from now on, the language remembered, and a redirect:
 * to the page the visitor had asked for (`next`, kept in the form), or else home.
 */
import type { Request, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { Refusal } from '../../services/auth/attempt-gate.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from './device-cookie.js';
import type { LanguagePreference } from '../language/language.js';
import type { Locale } from '../../domain/shared/locale.js';
import { formFailureMessage, postedValue, readFields } from '../http/form-fields.js';
import { refuse } from './refusal.js';
import { startSession, takeNotice } from '../session/session-helpers.js';
import { returnPath, type Area } from './return-path.js';

/** What the login services answer. */
type LoginAnswer =
  | { kind: 'malformed'; errors: ReadonlyArray<{ field: string; code: string }> }
  | { kind: 'blocked'; refusal: Refusal }
  | { kind: 'incorrect' }
  | { kind: 'success'; device: string | null };

type InputCode<R extends LoginAnswer> = Extract<R, { kind: 'malformed' }>['errors'][number]['code'];

type SessionOwner = Parameters<typeof startSession>[1];

export interface LoginFormSpec<F extends string, R extends LoginAnswer> {
  /** The page, the field that names who logs in (echoed back into it), the secret (never echoed), and their labels. */
  form: { view: string; name: F; secret: F; labels: Record<F, MessageKey> };
  /** Whose pages a `next` may lead to after this login. */
  area: Area;
  words: { input: Record<InputCode<R>, MessageKey>; failed: MessageKey; keyBlocked: MessageKey; suspended: MessageKey };
  /** Where someone already logged in is sent instead of the form, if anywhere. */
  signedInHome(req: Request): string | undefined;
  login(values: Record<F, string>, clientAddress: string | null, device: string | undefined): Promise<R>;
  /** Whose session a success starts, the language on his record, and where he goes next (given the page he asked for, if any). */
  session(
    success: Extract<R, { kind: 'success' }>,
    next: string | undefined,
  ): { owner: SessionOwner; language: Locale | null; home: string };
}

export function loginForm<F extends string, R extends LoginAnswer>(
  spec: LoginFormSpec<F, R>,
  deps: { devices: DeviceCookie; language: LanguagePreference },
) {
  const { devices, language } = deps;
  const { view: page, name, secret } = spec.form;

  function render(
    res: Response,
    status: number,
    view: { shown?: string; alert?: string; errors?: Record<string, string>; notice?: string; next?: string },
  ) {
    res
      .status(status)
      .render(page, { [name]: view.shown ?? '', errors: view.errors ?? {}, alert: view.alert, notice: view.notice, next: view.next ?? '' });
  }

  return {
    show(req: Request, res: Response) {
      const home = spec.signedInHome(req);
      const next = returnPath(spec.area, req.query.next);
      if (home !== undefined) return res.redirect(303, next ?? home);
      render(res, 200, { notice: takeNotice(req, res.locals.t), next });
    },

    async submit(req: Request, res: Response) {
      const { t } = res.locals;
      // A `next` that is no page of ours is dropped, never a reason to refuse the login.
      const next = returnPath(spec.area, postedValue(req.body, 'next'));
      const form = readFields(req.body, [name, secret]);
      if (!form.ok) return render(res, 422, { alert: formFailureMessage(form, t, spec.form.labels), next });
      // Only a sensible name is echoed back into the form; a PIN or password never is.
      const typed = form.values[name];
      const shown = typed.length <= 64 ? typed.trim() : '';

      const result = await spec.login(form.values, clientAddress(req), devices.read(req));
      switch (result.kind) {
        case 'malformed': {
          const errors: Record<string, string> = {};
          for (const error of result.errors) errors[error.field] = t(spec.words.input[error.code as InputCode<R>]);
          return render(res, 422, { shown, errors, alert: t('form.fixErrors'), next });
        }
        case 'blocked': {
          const alert = refuse(res, result.refusal, { keyBlocked: spec.words.keyBlocked, suspended: spec.words.suspended });
          return render(res, 429, { shown, alert, next });
        }
        case 'incorrect':
          return render(res, 401, { shown, alert: t(spec.words.failed), next });
        case 'success': {
          const success = result as Extract<R, { kind: 'success' }>;
          const { owner, language: stored, home } = spec.session(success, next);
          await startSession(req, owner);
          language.atLogin(req, res, stored);
          devices.remember(req, res, success.device);
          return res.redirect(303, home);
        }
      }
    },
  };
}
