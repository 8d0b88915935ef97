/**
 * Enrolling an authenticator (/staff/2fa): the QR code and the secret, the first code that turns the
 * second factor on, and the ten recovery codes shown once (/staff/2fa/recovery-codes). Open to a
 * logged-in member who chooses it, and to a half-done login that must enrol first.
 */
import type { Request, Response } from 'express';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import { clientAddress } from '../http/client-address.js';
import type { DeviceCookie } from './device-cookie.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { qrCodePath } from './qr-code.js';
import { codeRefused, type PendingMember } from './pending-staff-login.js';
import { startSession, takeNotice } from '../session/session-helpers.js';

/** The codes a box holds, or undefined for one another APP_SECRET sealed, or tampered with. */
function openCodesWith(box: SecretBox, sealed: string): string[] | undefined {
  const plain = box.open(sealed);
  if (plain === undefined) return undefined;
  const codes: unknown = JSON.parse(plain);
  return Array.isArray(codes) && codes.every((c) => typeof c === 'string') ? codes : undefined;
}

/** The secret as typed into an app by hand: groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function createStaffFactorEnrolmentController(deps: {
  secondFactor: Pick<SecondFactorService, 'enrolment' | 'confirm'>;
  devices: DeviceCookie;
  /** Seals the recovery codes for the one request between enrolment and the page that shows them. */
  codesBox: SecretBox;
  pendingMember: PendingMember;
}) {
  const { secondFactor, devices, codesBox, pendingMember } = deps;
  const openCodes = (sealed: string) => openCodesWith(codesBox, sealed);

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
    if (enrolment.kind === 'on') return res.status(status).render('auth/two-factor-on', { notice: takeNotice(req, t) });
    res.status(status).render('auth/two-factor-enrol', {
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
      res.render('auth/recovery-codes', { codes: codes ?? [], next });
    },
  };
}
