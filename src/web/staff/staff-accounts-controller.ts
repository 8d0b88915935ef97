import type { Request, Response } from 'express';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { STAFF_ROLES } from '../../domain/staff/staff.js';
import { ROLE_LABEL, rolesText } from './staff-role-labels.js';
import type { StaffAccountProblem, StaffAccountService, StaffActor } from '../../services/staff/staff-account-service.js';
import { clientAddress } from '../http/client-address.js';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import { formFailureMessage, readFields, readList } from '../http/form-fields.js';
import { STAFF_ACCOUNT_PROBLEM_MESSAGES } from '../patrons/problem-messages.js';
import { setNotice, takeNotice } from '../session/session-helpers.js';

/** Admins manage staff accounts: add, give roles, disable and enable, set a new password, lift the hard limit. */
export function createStaffAccountsController(deps: {
  staff: StaffRepo;
  staffAccounts: StaffAccountService;
  secondFactor: Pick<SecondFactorService, 'staffIdsWithSecondFactor'>;
}) {
  const { staff, staffAccounts } = deps;
  const actor = (req: Request, res: Response): StaffActor => ({ staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) });

  function render(
    req: Request,
    res: Response,
    status: number,
    view: { values?: { username?: string; roles?: string[]; email?: string }; alert?: string; errors?: Record<string, string[]> } = {},
  ) {
    const { t, locale } = res.locals;
    const withSecondFactor = deps.secondFactor.staffIdsWithSecondFactor();
    res.status(status).render('staff/accounts', {
      accounts: staff.list().map((member) => ({
        ...member,
        rolesLabel: rolesText(member.roles, t, locale),
        suspended: staffAccounts.isSuspended(member),
        secondFactorOn: withSecondFactor.has(member.id),
      })),
      roles: STAFF_ROLES.map((role) => ({ value: role, label: t(ROLE_LABEL[role]) })),
      values: {},
      errors: {},
      alert: undefined,
      notice: takeNotice(req, t),
      ...view,
    });
  }

  function problemsByField(problems: StaffAccountProblem[], res: Response): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    for (const problem of problems) (errors[problem.field] ??= []).push(res.locals.t(STAFF_ACCOUNT_PROBLEM_MESSAGES[problem.code]));
    return errors;
  }

  /** The account named in the address, or a 404 page. */
  function target(req: Request, res: Response) {
    const username = String(req.params.username).toLowerCase();
    const member = staff.findByUsername(username);
    if (!member)
      res.status(404).render('staff/not-found', { message: res.locals.t('staff.accounts.unknown', { username: username.slice(0, 64) }) });
    return member;
  }

  return {
    show(req: Request, res: Response) {
      render(req, res, 200);
    },

    async add(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, ['username', 'password', 'email']);
      const roles = readList(req.body, 'roles', 32);
      if (!form.ok)
        return render(req, res, 422, {
          alert: formFailureMessage(form, t, {
            username: 'staff.accounts.username',
            password: 'staff.accounts.password',
            email: 'staff.accounts.email',
          }),
        });
      if (!roles.ok) return render(req, res, 422, { alert: formFailureMessage(roles, t, { roles: 'staff.accounts.roles' }) });
      const result = await staffAccounts.add({ ...form.values, roles: roles.values }, actor(req, res));
      if (!result.ok) {
        return render(req, res, 422, {
          values: { username: form.values.username.slice(0, 64), roles: roles.values, email: form.values.email.slice(0, 254) },
          errors: problemsByField(result.problems, res),
          alert: t('form.fixErrors'),
        });
      }
      setNotice(req, 'staff.accounts.added', { username: result.staff.username });
      res.redirect(303, '/staff/accounts');
    },

    setDisabled(disabled: boolean) {
      return (req: Request, res: Response) => {
        const member = target(req, res);
        if (!member) return;
        if (disabled && member.id === res.locals.staffMember!.id)
          return render(req, res, 422, { alert: res.locals.t('staff.accounts.notSelf') });
        staffAccounts.setDisabled(member, disabled, actor(req, res));
        setNotice(req, disabled ? 'staff.accounts.disabledDone' : 'staff.accounts.enabledDone', { username: member.username });
        res.redirect(303, '/staff/accounts');
      };
    },

    /** Gives an account the roles ticked in its row. */
    setRoles(req: Request, res: Response) {
      const member = target(req, res);
      if (!member) return;
      const roles = readList(req.body, 'roles', 32);
      if (!roles.ok) return render(req, res, 422, { alert: formFailureMessage(roles, res.locals.t, { roles: 'staff.accounts.roles' }) });
      const result = staffAccounts.setRoles(member, roles.values, actor(req, res));
      if (!result.ok) {
        const messages = problemsByField(result.problems, res).roles ?? [];
        return render(req, res, 422, { alert: messages[0], errors: { [`roles-${member.username}`]: messages } });
      }
      setNotice(req, result.changed ? 'staff.accounts.rolesDone' : 'staff.accounts.rolesUnchanged', { username: member.username });
      res.redirect(303, '/staff/accounts');
    },

    /** Ends the hard-limit stop of an account (failures in a row, from browsers it never logged in from). */
    liftSuspension(req: Request, res: Response) {
      const member = target(req, res);
      if (!member) return;
      staffAccounts.liftSuspension(member, actor(req, res));
      setNotice(req, 'staff.accounts.suspensionLifted', { username: member.username });
      res.redirect(303, '/staff/accounts');
    },

    async setPassword(req: Request, res: Response) {
      const member = target(req, res);
      if (!member) return;
      const form = readFields(req.body, ['password']);
      if (!form.ok)
        return render(req, res, 422, { alert: formFailureMessage(form, res.locals.t, { password: 'staff.accounts.password' }) });
      const result = await staffAccounts.resetPassword(member, form.values.password, actor(req, res));
      if (!result.ok) {
        const messages = problemsByField(result.problems, res).password ?? [];
        // One problem is the alert itself; several are listed under a sentence that says so.
        const alert = messages.length === 1 ? messages[0] : res.locals.t('form.fixErrors');
        return render(req, res, 422, { alert, errors: { [`password-${member.username}`]: messages } });
      }
      setNotice(req, 'staff.accounts.passwordDone', { username: member.username });
      res.redirect(303, '/staff/accounts');
    },

    /** The address the attack alert goes to (admins); empty removes it. */
    setEmail(req: Request, res: Response) {
      const member = target(req, res);
      if (!member) return;
      const form = readFields(req.body, ['email'], { email: 254 });
      if (!form.ok) return render(req, res, 422, { alert: formFailureMessage(form, res.locals.t, { email: 'staff.accounts.email' }) });
      const result = staffAccounts.setEmail(member, form.values.email, actor(req, res));
      if (!result.ok) {
        const messages = problemsByField(result.problems, res).email ?? [];
        return render(req, res, 422, { alert: messages[0], errors: { [`email-${member.username}`]: messages } });
      }
      setNotice(req, 'staff.accounts.emailSaved', { username: member.username });
      res.redirect(303, '/staff/accounts');
    },
  };
}
