/** A file's size as people read it, in KB or MB (never a count of bytes), the same in every language. */
import { LOCALE_INFO, type Locale } from '../../domain/shared/locale.js';
import type { Translate } from '../../messages/index.js';

const KB = 1024;
const MB = 1024 * KB;

/** "0.4 KB", "12 KB", "3.2 MB": one decimal below ten, none above; a non-empty file never reads as 0. */
export function formatFileSize(bytes: number, t: Translate, locale: Locale): string {
  const inMb = bytes >= MB;
  const amount = inMb ? bytes / MB : bytes / KB;
  const digits = amount < 10 ? 1 : 0;
  const shown = bytes > 0 ? Math.max(amount, 10 ** -digits) : 0;
  const size = new Intl.NumberFormat(LOCALE_INFO[locale].intl, { maximumFractionDigits: digits }).format(shown);
  return t(inMb ? 'fileSize.mb' : 'fileSize.kb', { size });
}
