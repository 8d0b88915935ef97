/**
 * What the request form says when a request is not made: every refusal of the service becomes the
 * form again, with his values, the errors beside their fields and one alert, and for a book held
 * here or a request he has made already, the link to it.
 */
import type { IllField, IllProblem } from '../../domain/ill/ill-form.js';
import type { Localizer } from '../../messages/index.js';
import type { HeldHere, IllRequestResult } from '../../services/ill/ill-service.js';
import { ILL_FIELD_LABEL, ILL_PROBLEM } from './ill-labels.js';

export interface FormView {
  values: Partial<Record<IllField, string>>;
  errors: Partial<Record<IllField, string[]>>;
  alert?: string;
  /** The catalogue holds the book with every copy out: the suggestion and the tick to go on. */
  allOnLoan?: HeldHere;
  onShelf?: HeldHere;
  /** His open request for the same item, which this one would repeat. */
  duplicateOf?: { id: number; title: string };
}

function problemErrors(problems: IllProblem[], t: Localizer['t']): Partial<Record<IllField, string[]>> {
  const errors: Partial<Record<IllField, string[]>> = {};
  for (const p of problems) {
    const message = t(ILL_PROBLEM[p.code], { field: t(ILL_FIELD_LABEL[p.field]), max: p.max ?? 0 });
    (errors[p.field] ??= []).push(message);
  }
  return errors;
}

/** The form shown again (422) for a request that was not made. */
export function formAnswer(
  result: Exclude<IllRequestResult, { kind: 'created' }>,
  values: Partial<Record<IllField, string>>,
  t: Localizer['t'],
): FormView {
  switch (result.kind) {
    case 'invalid':
      return { values, errors: problemErrors(result.problems, t), alert: t('ill.notSent') };
    case 'refused': {
      const r = result.refusal;
      const alert =
        r.code === 'QUOTA_REACHED'
          ? t('ill.refused.QUOTA_REACHED', { open: r.open, allowed: r.allowed })
          : r.code === 'WINDOW_REACHED'
            ? t('ill.refused.WINDOW_REACHED', { allowed: r.allowed, days: r.days })
            : t(r.code === 'NOT_FOR_TYPE' ? 'ill.notForType' : 'ill.booksNotForType');
      return { values, errors: {}, alert };
    }
    case 'on-shelf':
      return {
        values,
        // Beside the field that found it: the ISBN if he gave one, else the title (matched with the author).
        errors: { [values.isbn ? 'isbn' : 'title']: [t('ill.onShelfField')] },
        alert: t('ill.onShelf', { title: result.held.title }),
        onShelf: result.held,
      };
    case 'all-on-loan':
      return { values, errors: {}, alert: t('ill.allOnLoan', { title: result.held.title }), allOnLoan: result.held };
    case 'duplicate':
      return { values, errors: {}, alert: t('ill.duplicate', { title: result.earlier.title }), duplicateOf: result.earlier };
  }
}
