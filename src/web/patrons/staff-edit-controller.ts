import type { Request, Response } from 'express';
import { PATRON_TYPES, usesDefaultPin, type Patron } from '../../domain/patrons/patron.js';
import { EDIT_FIELDS, type EditField } from '../../domain/patrons/patron-registration.js';
import type { MessageKey } from '../../messages/index.js';
import type { CounterService, StaffContext } from '../../services/patrons/counter-service.js';
import type { PinEffect } from '../../services/patrons/patron-edit.js';
import { clientAddress } from '../http/client-address.js';
import { counterFieldErrors } from './counter-problem-messages.js';
import { formFailureMessage, readFields } from '../http/form-fields.js';
import { PATRON_TYPE_LABEL } from './patron-type-label.js';
import { setNotice, setWarning } from '../session/session-helpers.js';

/** The labels of the edit form, as views/patrons/edit.ejs shows them (the registration form's words). */
const EDIT_LABELS: Record<EditField, MessageKey> = {
  name: 'staff.register.name',
  email: 'staff.register.email',
  patron_type: 'staff.register.patron_type',
  expiry_date: 'staff.register.expiry_date',
  hkid: 'staff.register.hkid',
  passport: 'staff.register.passport',
  mainland_id: 'staff.register.mainland_id',
};

/** What the notice after saving says happened to the PIN (the {change} of staff.edit.saved). */
const PIN_EFFECT_CHANGE: Record<PinEffect, string> = {
  none: 'other',
  'default-changed': 'default',
  'chosen-kept': 'chosen',
};

function staffContext(req: Request, res: Response): StaffContext {
  return { staffId: res.locals.staffMember!.id, clientAddress: clientAddress(req) };
}

const patronPath = (patron: Patron) => `/staff/patrons/${encodeURIComponent(patron.barcode)}`;

/**
 * "Edit patron" at the counter (GET/POST /staff/patrons/:barcode/edit): name, e-mail, type, expiry,
 * and correcting an ID number. Saved, it goes back to the patron's page with a notice (303), so a
 * reload never saves twice.
 */
export function createStaffEditController(deps: { counter: CounterService }) {
  const { counter } = deps;

  function notFound(req: Request, res: Response) {
    res
      .status(404)
      .render('staff/not-found', { message: res.locals.t('staff.patron.notFound', { barcode: String(req.params.barcode).slice(0, 64) }) });
  }

  function editForm(
    res: Response,
    status: number,
    patron: Patron,
    view: { values: Partial<Record<EditField, string>>; errors?: Record<string, string[]>; alert?: string },
  ) {
    const { t } = res.locals;
    res.status(status).render('patrons/edit', {
      patron,
      heading: t('staff.edit.heading', { name: patron.name, barcode: patron.barcode }),
      patronTypes: PATRON_TYPES.map((type) => ({ value: type, label: t(PATRON_TYPE_LABEL[type]) })),
      idHint: t('staff.edit.idHint', { document: patron.idDocument }),
      pinEffect: t('staff.edit.pinEffect', { pin: usesDefaultPin(patron) ? 'default' : 'chosen' }),
      errors: {},
      alert: undefined,
      ...view,
    });
  }

  return {
    show(req: Request, res: Response) {
      const patron = counter.findPatron(String(req.params.barcode));
      if (!patron) return notFound(req, res);
      editForm(res, 200, patron, {
        values: { name: patron.name, email: patron.email ?? '', patron_type: patron.patronType, expiry_date: patron.expiryDate ?? '' },
      });
    },

    async submit(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = counter.findPatron(String(req.params.barcode));
      if (!patron) return notFound(req, res);
      const form = readFields(req.body, EDIT_FIELDS);
      if (!form.ok) return editForm(res, 422, patron, { values: {}, alert: formFailureMessage(form, t, EDIT_LABELS) });
      // Only what is safe to show again goes back into the form: never the ID numbers.
      const { hkid: _h, passport: _p, mainland_id: _m, ...shown } = form.values;
      const result = await counter.edit(patron.barcode, form.values, staffContext(req, res));
      switch (result.kind) {
        case 'not-found':
          return notFound(req, res);
        case 'invalid':
          return editForm(res, 422, patron, {
            values: shown,
            errors: counterFieldErrors(result.problems, t, EDIT_FIELDS),
            alert: t('form.fixErrors'),
          });
        case 'saved': {
          const saved = result.patron;
          if (result.warnings.some((w) => w.code === 'HKID_CHECK_DIGIT')) {
            setWarning(req, 'staff.edit.savedHkidWarning', {
              change: result.changes.length === 0 ? 'none' : PIN_EFFECT_CHANGE[result.pin],
            });
          } else {
            setNotice(req, 'staff.edit.saved', {
              change: result.changes.length === 0 ? 'none' : PIN_EFFECT_CHANGE[result.pin],
              name: saved.name,
              document: saved.idDocument,
            });
          }
          return res.redirect(303, patronPath(saved));
        }
      }
    },
  };
}
