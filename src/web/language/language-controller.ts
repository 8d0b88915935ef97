import type { Request, Response } from 'express';
import { isLocale } from '../../domain/shared/locale.js';
import { readFields } from '../http/form-fields.js';
import type { LanguagePreference } from './language.js';
import { safeLocalPath } from '../http/local-path.js';

/** The language switch on every page: remember the choice, and go back to the page it was made on. */
export function createLanguageController(deps: { language: LanguagePreference }) {
  return {
    choose(req: Request, res: Response) {
      const form = readFields(req.body, ['lang', 'next']);
      if (!form.ok || !isLocale(form.values.lang)) {
        return res.status(422).render('errors/error', { titleKey: 'error.badRequest.title', bodyKey: 'error.badRequest.body' });
      }
      deps.language.choose(req, res, form.values.lang);
      res.redirect(303, safeLocalPath(form.values.next));
    },
  };
}
