import type { Request, Response } from 'express';
import type { CounterService, StaffContext } from '../../services/patrons/counter-service.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import { SEARCH_LIMIT } from '../../services/patrons/counter-service.js';
import { PATRON_TYPES } from '../../domain/patrons/patron.js';
import { REGISTRATION_FIELDS, type RegistrationField } from '../../domain/patrons/patron-registration.js';
import type { MessageKey } from '../../messages/index.js';
import { clientAddress } from '../http/client-address.js';
import { counterFieldErrors } from './counter-problem-messages.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { PATRON_TYPE_LABEL } from './patron-type-label.js';
import { queryText } from '../http/query-params.js';
import { setNotice, setWarning, takeNotice } from '../session/session-helpers.js';
import { createStaffPatronPage } from './staff-patron-page.js';

/** The labels of the registration form, as views/patrons/register.ejs shows them. */
const REGISTRATION_LABELS: Record<RegistrationField, MessageKey> = {
  barcode: 'staff.register.barcode',
  name: 'staff.register.name',
  email: 'staff.register.email',
  hkid: 'staff.register.hkid',
  passport: 'staff.register.passport',
  mainland_id: 'staff.register.mainland_id',
  patron_type: 'staff.register.patron_type',
  expiry_date: 'staff.register.expiry_date',
};

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

/** The counter's console: find a patron, see his state, delete his PIN, lift a block, register. */
export function createStaffConsoleController(deps: { counter: CounterService; circulation: CirculationService }) {
  const { counter } = deps;

  const renderPatron = createStaffPatronPage(deps);

  function registrationForm(
    res: Response,
    status: number,
    view: {
      values?: Partial<Record<RegistrationField, string>>;
      alert?: string;
      errors?: Record<string, string[]>;
      existing?: { barcode: string };
    },
  ) {
    const patronTypes = PATRON_TYPES.map((type) => ({ value: type, label: res.locals.t(PATRON_TYPE_LABEL[type]) }));
    res.status(status).render('patrons/register', { values: {}, errors: {}, alert: undefined, existing: undefined, patronTypes, ...view });
  }

  return {
    search(req: Request, res: Response) {
      const query = queryText(req.query.q, 200);
      // A barcode scanned or typed whole opens the patron at once, rather than a list of one.
      const exact = query.trim() === '' ? undefined : counter.findPatron(query);
      if (exact) return res.redirect(303, `/staff/patrons/${encodeURIComponent(exact.barcode)}`);
      const { t } = res.locals;
      const results = counter.search(query).map((patron) => ({ ...patron, typeLabel: t(PATRON_TYPE_LABEL[patron.patronType]) }));
      res.render('patrons/search', { query, results, limit: SEARCH_LIMIT, notice: takeNotice(req, t) });
    },

    showPatron(req: Request, res: Response) {
      renderPatron(req, res, 200, String(req.params.barcode));
    },

    deletePin(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = counter.findPatron(String(req.params.barcode));
      if (!patron) return renderPatron(req, res, 404, String(req.params.barcode));
      const form = readFields(req.body, ['id_checked']);
      if (!form.ok)
        return renderPatron(req, res, 422, patron.barcode, {
          alert: formFailureMessage(form, t, { id_checked: 'staff.deletePin.idChecked' }),
        });
      const outcome = counter.deletePin(patron, form.values.id_checked === 'yes', staffContext(req, res));
      if (outcome === 'id-not-checked') {
        return renderPatron(req, res, 422, patron.barcode, {
          alert: t('staff.deletePin.needsCheck'),
          errors: { id_checked: t('staff.deletePin.needsCheck') },
        });
      }
      setNotice(req, 'staff.deletePin.deleted', { document: patron.idDocument });
      res.redirect(303, `/staff/patrons/${encodeURIComponent(patron.barcode)}`);
    },

    liftBlock(req: Request, res: Response) {
      const patron = counter.findPatron(String(req.params.barcode));
      if (!patron) return renderPatron(req, res, 404, String(req.params.barcode));
      counter.liftBlock(patron, staffContext(req, res));
      setNotice(req, 'staff.liftBlock.done');
      res.redirect(303, `/staff/patrons/${encodeURIComponent(patron.barcode)}`);
    },

    showRegister(_req: Request, res: Response) {
      registrationForm(res, 200, {});
    },

    async register(req: Request, res: Response) {
      const { t } = res.locals;
      const form = readFields(req.body, REGISTRATION_FIELDS);
      if (!form.ok) return registrationForm(res, 422, { alert: formFailureMessage(form, t, REGISTRATION_LABELS) });
      // What was typed goes back into the form, the ID numbers too, so that one wrong box is not a card read again: they are
      // only in this one answer (no-store), never in the session, the database or a log.
      const shown = form.values;
      const result = await counter.register(form.values, staffContext(req, res));
      switch (result.kind) {
        case 'invalid':
          return registrationForm(res, 422, {
            values: shown,
            errors: counterFieldErrors(result.problems, t, REGISTRATION_FIELDS),
            alert: t('form.fixErrors'),
          });
        case 'exists':
          return registrationForm(res, 422, {
            values: shown,
            existing: { barcode: result.patron.barcode },
            alert: t('staff.register.exists', { barcode: result.patron.barcode }),
            errors: { barcode: [t('staff.register.exists', { barcode: result.patron.barcode })] },
          });
        case 'registered': {
          // Registered all the same: the library's own example Z123456(7) fails the check (docs/rules.md §2).
          const warning = result.warnings.some((w) => w.code === 'HKID_CHECK_DIGIT');
          if (warning) setWarning(req, 'staff.register.hkidWarning');
          else setNotice(req, 'staff.register.registered', { document: result.patron.idDocument });
          return res.redirect(303, `/staff/patrons/${encodeURIComponent(result.patron.barcode)}`);
        }
      }
    },
  };
}
