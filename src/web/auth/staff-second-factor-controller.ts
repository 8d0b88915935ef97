/**
 * Staff two-factor sign-in: enrolling an authenticator (/staff/2fa), the ten recovery
 * codes shown once, the second step of a login (/staff/login/2fa), and an admin's reset of a
 * colleague's second factor. Between the password and the code the session holds `staffPending`
 * only, which passes no staff guard; it lasts PENDING_MS.
 */
import type { Request, Response } from 'express';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { CodeCheck, SecondFactorService } from '../../services/auth/second-factor-service.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from './device-cookie.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { qrCodePath } from './qr-code.js';
import { refuse } from './refusal.js';
import { endSession, setNotice, startSession, takeNotice, type StaffPending } from '../session/session-helpers.js';

/** Time to open the app and type the code after the password. */
const PENDING_MS = 5 * 60_000;

/** The codes a box holds, or undefined for one another APP_SECRET sealed, or tampered with. */
function openCodesWith(box: SecretBox, sealed: string): string[] | undefined {
  const plain = box.open(sealed);
  if (plain === undefined) return undefined;
  const codes: unknown = JSON.parse(plain);
  return Array.isArray(codes) && codes.every((c) => typeof c === 'string') ? codes : undefined;
}

/** The secret as typed into an app by hand: groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function createStaffSecondFactorController(deps: {
  secondFactor: SecondFactorService;
  staff: StaffRepo;
  clock: Clock;
  devices: DeviceCookie;
  /** Seals the recovery codes for the one request between enrolment and the page that shows them. */
  codesBox: SecretBox;
}) {
  const { secondFactor, staff, clock, devices, codesBox } = deps;
  const openCodes = (sealed: string) => openCodesWith(codesBox, sealed);

  /** The member of a half-done login at this step, while it lasts; otherwise the session is ended. */
  async function pendingMember(
    req: Request,
    step: StaffPending['step'],
  ): Promise<{ member: StaffMember; pending: StaffPending } | undefined> {
    const pending = req.session.staffPending;
    if (!pending) return undefined;
    const member = staff.findById(pending.staffId);
    if (
      pending.step !== step ||
      clock.now() - pending.since > PENDING_MS ||
      !member ||
      member.disabledAt !== null ||
      member.passwordChangedAt !== pending.staffStamp
    ) {
      await endSession(req, { key: 'staff.twoFactor.expired' });
      return undefined;
    }
    return { member, pending };
  }

  /** The full staff session after the second step, and where it goes. */
  async function finishLogin(
    req: Request,
    res: Response,
    member: StaffMember,
    onSince: number,
    next: string | undefined,
    notice?: Parameters<typeof startSession>[2],
  ) {
    await startSession(req, { staffId: member.id, staffStamp: member.passwordChangedAt, staffFactorOn: onSince }, notice);
    res.redirect(303, next ?? '/staff');
  }

  function codeRefused(res: Response, result: CodeCheck): { status: number; alert: string } {
    const { t } = res.locals;
    switch (result.kind) {
      case 'malformed':
        return { status: 422, alert: t('staff.twoFactor.codeMalformed') };
      case 'blocked':
        return {
          status: 429,
          alert: refuse(res, result.refusal, { keyBlocked: 'staff.login.blocked', suspended: 'refusal.suspended.staff' }),
        };
      case 'incorrect':
        return { status: 401, alert: t('staff.twoFactor.codeIncorrect') };
    }
  }

  /** The enrolment page for `member`: the QR code and the secret, or the second factor's state when it is on. */
  function renderEnrolment(
    req: Request,
    res: Response,
    member: StaffMember,
    status: number,
    view: { alert?: string; errors?: Record<string, string> } = {},
  ) {
    const { t } = res.locals;
    const enrolment = secondFactor.enrolment(member);
    if (enrolment.kind === 'on') return res.status(status).render('staff/two-factor-on', { notice: takeNotice(req, t) });
    res.status(status).render('staff/two-factor-enrol', {
      qr: qrCodePath(enrolment.uri),
      secret: grouped(enrolment.secret),
      mustEnrol: req.session.staffPending !== undefined,
      errors: view.errors ?? {},
      alert: view.alert,
      notice: takeNotice(req, t),
    });
  }

  /**
   * Enrolment is open to a logged-in member (by choice; the staff guard ran before) and to a
   * half-done login that must enrol first.
   */
  async function enrollingMember(req: Request, res: Response): Promise<StaffMember | undefined> {
    if (res.locals.staffMember) return res.locals.staffMember;
    const found = await pendingMember(req, 'enrol');
    if (found) return found.member;
    res.redirect(303, '/staff/login');
    return undefined;
  }

  return {
    async showEnrolment(req: Request, res: Response) {
      const member = await enrollingMember(req, res);
      if (member) renderEnrolment(req, res, member, 200);
    },

    async enrol(req: Request, res: Response) {
      const { t } = res.locals;
      const member = await enrollingMember(req, res);
      if (!member) return;
      const form = readFields(req.body, ['code']);
      if (!form.ok)
        return renderEnrolment(req, res, member, 422, { alert: formFailureMessage(form, t, { code: 'staff.twoFactor.appCode' }) });
      const result = await secondFactor.confirm(member, form.values.code, { clientAddress: clientAddress(req), device: devices.read(req) });
      if (result.kind !== 'on') {
        const refused = codeRefused(res, result);
        // A wrong code at enrolment is a form to correct (422), not a failed login.
        const status = refused.status === 429 ? 429 : 422;
        return renderEnrolment(req, res, member, status, { alert: refused.alert, errors: { code: refused.alert } });
      }
      devices.remember(req, res, result.device);
      const next = req.session.staffPending?.next;
      // The code just given is the session's second factor, whether it enrolled at login or by choice.
      if (req.session.staffPending)
        await startSession(req, { staffId: member.id, staffStamp: member.passwordChangedAt, staffFactorOn: result.onSince });
      else req.session.staffFactorOn = result.onSince;
      req.session.recoveryCodesSealed = codesBox.seal(JSON.stringify(result.recoveryCodes));
      if (next) req.session.afterRecoveryCodes = next;
      res.redirect(303, '/staff/2fa/recovery-codes');
    },

    /** Shown once: the codes leave the session as the page is made. */
    showRecoveryCodes(req: Request, res: Response) {
      const sealed = req.session.recoveryCodesSealed;
      delete req.session.recoveryCodesSealed;
      const codes = sealed === undefined ? undefined : openCodes(sealed);
      const next = req.session.afterRecoveryCodes ?? '/staff';
      delete req.session.afterRecoveryCodes;
      res.render('staff/recovery-codes', { codes: codes ?? [], next });
    },

    async showLoginStep(req: Request, res: Response) {
      const found = await pendingMember(req, 'ask');
      if (!found) return res.redirect(303, '/staff/login');
      res.render('staff/login-second-factor', { errors: {}, alert: undefined, notice: takeNotice(req, res.locals.t) });
    },

    async submitLoginStep(req: Request, res: Response) {
      const { t } = res.locals;
      const found = await pendingMember(req, 'ask');
      if (!found) return res.redirect(303, '/staff/login');
      const form = readFields(req.body, ['code', 'recovery_code']);
      if (!form.ok)
        return res.status(422).render('staff/login-second-factor', {
          errors: {},
          alert: formFailureMessage(form, t, { code: 'staff.twoFactor.code', recovery_code: 'staff.twoFactor.recoveryCode' }),
        });
      const result = await secondFactor.verify(
        found.member,
        { code: form.values.code, recoveryCode: form.values.recovery_code },
        { clientAddress: clientAddress(req), device: devices.read(req) },
      );
      if (result.kind !== 'ok') {
        const refused = codeRefused(res, result);
        return res.status(refused.status).render('staff/login-second-factor', { errors: {}, alert: refused.alert });
      }
      devices.remember(req, res, result.device);
      const notice =
        result.recoveryCodesLeft === undefined
          ? undefined
          : { key: 'staff.twoFactor.recoveryCodeUsed' as const, params: { count: result.recoveryCodesLeft } };
      await finishLogin(req, res, found.member, result.onSince, found.pending.next, notice);
    },

    /** Admins: the colleague enrols again at the next login (a lost phone, a new one). */
    reset(req: Request, res: Response) {
      const username = String(req.params.username);
      const result = secondFactor.reset(res.locals.staffMember!, username, clientAddress(req));
      if (result.kind === 'unknown')
        return res.status(404).render('staff/not-found', {
          message: res.locals.t('staff.accounts.unknown', { username: username.toLowerCase().slice(0, 64) }),
        });
      setNotice(req, result.kind === 'reset' ? 'staff.twoFactor.resetDone' : 'staff.twoFactor.resetNothing', {
        username: result.member.username,
      });
      res.redirect(303, '/staff/accounts');
    },
  };
}
