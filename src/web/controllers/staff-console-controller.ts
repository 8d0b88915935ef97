import type { Request, Response } from 'express';
import type { CounterService, StaffContext } from '../../services/counter-service.js';
import type { CirculationService } from '../../services/circulation-service.js';
import { SEARCH_LIMIT } from '../../services/counter-service.js';
import { PATRON_TYPES } from '../../domain/patron.js';
import { REGISTRATION_FIELDS, type RegistrationField } from '../../domain/patron-registration.js';
import type { MessageKey } from '../../messages/index.js';
import { clientAddress } from '../client-address.js';
import { readFields } from '../form-fields.js';
import { setNotice, takeNotice } from '../session-helpers.js';

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

function firstQueryValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** The counter's console: find a patron, see his state, delete his PIN, lift a block, register. */
export function createStaffConsoleController(deps: { counter: CounterService; circulation: CirculationService }) {
  const { counter } = deps;

  function renderPatron(req: Request, res: Response, status: number, barcode: string, view: { alert?: string; errors?: Record<string, string> } = {}) {
    const overview = counter.overview(barcode);
    if (!overview) {
      return res.status(404).render('staff/not-found', { message: res.locals.t('staff.patron.notFound', { barcode: barcode.slice(0, 64) }) });
    }
    res.status(status).render('staff/patron', {
      ...overview,
      circulation: deps.circulation.record(overview.patron),
      notice: takeNotice(req, res.locals.t),
      alert: undefined,
      errors: {},
      ...view,
    });
  }

  function registrationForm(res: Response, status: number, view: { values?: Partial<Record<RegistrationField, string>>; alert?: string; errors?: Record<string, string[]> }) {
    res.status(status).render('staff/register', { values: {}, errors: {}, alert: undefined, patronTypes: PATRON_TYPES, ...view });
  }

  return {
    search(req: Request, res: Response) {
      const query = firstQueryValue(req.query.q).slice(0, 200);
      const results = counter.search(query);
      res.render('staff/search', { query, results, limit: SEARCH_LIMIT, notice: takeNotice(req, res.locals.t) });
    },

    showPatron(req: Request, res: Response) {
      renderPatron(req, res, 200, String(req.params.barcode));
    },

    deletePin(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = counter.findPatron(String(req.params.barcode));
      if (!patron) return renderPatron(req, res, 404, String(req.params.barcode));
      const form = readFields(req.body, ['id_checked']);
      const checked = form.ok && form.values.id_checked === 'yes';
      const outcome = counter.deletePin(patron, checked, staffContext(req, res));
      if (outcome === 'id-not-checked') {
        return renderPatron(req, res, 422, patron.barcode, {
          alert: t('staff.deletePin.needsCheck'),
          errors: { id_checked: t('staff.deletePin.needsCheck') },
        });
      }
      setNotice(req, 'staff.deletePin.done', { document: t(`document.${patron.idDocument}`) });
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
      if (!form.ok) return registrationForm(res, 422, { alert: t('form.repeatedField') });
      // Only what is safe to show again goes back into the form: never the ID numbers.
      const { hkid: _h, passport: _p, mainland_id: _m, ...shown } = form.values;
      const result = await counter.register(form.values, staffContext(req, res));
      switch (result.kind) {
        case 'invalid': {
          const errors: Record<string, string[]> = {};
          for (const problem of result.problems) {
            const field = fieldOfProblem(problem.code);
            (errors[field] ??= []).push(t(`import.${problem.code}` as MessageKey, problem.params));
          }
          return registrationForm(res, 422, { values: shown, errors, alert: t('form.fixErrors') });
        }
        case 'exists':
          return registrationForm(res, 422, { values: shown, alert: t('staff.register.exists', { barcode: result.patron.barcode }), errors: { barcode: [t('staff.register.exists', { barcode: result.patron.barcode })] } });
        case 'registered': {
          const warning = result.warnings.some((w) => w.code === 'HKID_CHECK_DIGIT');
          setNotice(req, warning ? 'staff.register.hkidWarning' : 'staff.register.done', { document: t(`document.${result.patron.idDocument}`) });
          return res.redirect(303, `/staff/patrons/${encodeURIComponent(result.patron.barcode)}`);
        }
      }
    },
  };
}

/** Which field of the registration form a problem belongs next to. */
function fieldOfProblem(code: string): RegistrationField {
  if (code.startsWith('BARCODE')) return 'barcode';
  if (code.startsWith('NAME')) return 'name';
  if (code.startsWith('EMAIL')) return 'email';
  if (code.startsWith('PATRON_TYPE')) return 'patron_type';
  if (code.startsWith('EXPIRY')) return 'expiry_date';
  return 'hkid';
}
