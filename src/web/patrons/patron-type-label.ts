import type { PatronType } from '../../domain/patrons/patron.js';
import type { MessageKey } from '../../messages/index.js';

/** The words for each patron type, on the patron's home and across the staff console. */
export const PATRON_TYPE_LABEL: Record<PatronType, MessageKey> = {
  undergraduate: 'patronType.undergraduate',
  postgraduate: 'patronType.postgraduate',
  staff: 'patronType.staff',
  alumni: 'patronType.alumni',
};
