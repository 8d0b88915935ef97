import type { Request, RequestHandler, Response } from 'express';
import { localizerFor, type Locale, type Translate } from '../../messages/index.js';
import { LOCALE_INFO, LOCALES } from '../../domain/shared/locale.js';
import type { Formatters } from '../../messages/format.js';
import { formatFileSize } from '../http/file-size.js';

/**
 * What every page may use: the message catalogue and formatters of the request's language, the
 * language switch, and the form's CSRF token.
 */
export function viewLocals(localeOf: (req: Request) => Locale, generateCsrfToken: (req: Request, res: Response) => string): RequestHandler {
  return (req, res, next) => {
    const localizer = localizerFor(localeOf(req));
    res.locals.locale = localizer.locale;
    res.locals.lang = LOCALE_INFO[localizer.locale].htmlLang;
    res.locals.t = localizer.t;
    res.locals.formatDate = localizer.formatDate;
    res.locals.formatDateTime = localizer.formatDateTime;
    res.locals.formatMoney = localizer.formatMoney;
    res.locals.formatNumber = localizer.formatNumber;
    res.locals.formatTime = localizer.formatTime;
    res.locals.formatShortDay = localizer.formatShortDay;
    res.locals.formatList = localizer.formatList;
    res.locals.formatWeekdayDate = localizer.formatWeekdayDate;
    res.locals.formatFileSize = (bytes: number) => formatFileSize(bytes, localizer.t, localizer.locale);
    // The switch brings the reader back to this page; after a form was posted, to the start ("/"
    // sends each reader to his own home).
    res.locals.languageSwitch = {
      next: req.method === 'GET' ? req.originalUrl : '/',
      choices: LOCALES.map((locale) => ({
        locale,
        name: LOCALE_INFO[locale].name,
        lang: LOCALE_INFO[locale].htmlLang,
        current: locale === localizer.locale,
      })),
    };
    // For the menus' aria-current: the page the reader is on.
    res.locals.currentPath = req.path;
    // A token is made only when a page with a form asks for one, and once however many forms it has.
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Locals {
    locale: Locale;
    /** For <html lang>: en, zh-Hant-HK. */
    lang: string;
    t: Translate;
    csrfToken: () => string;
    formatDate: Formatters['formatDate'];
    formatDateTime: Formatters['formatDateTime'];
    formatMoney: Formatters['formatMoney'];
    formatNumber: Formatters['formatNumber'];
    formatTime: Formatters['formatTime'];
    formatShortDay: Formatters['formatShortDay'];
    formatList: Formatters['formatList'];
    formatWeekdayDate: Formatters['formatWeekdayDate'];
    /** A file's size in KB or MB, never a count of bytes (file-size.ts). */
    formatFileSize: (bytes: number) => string;
    currentPath: string;
    languageSwitch: { next: string; choices: Array<{ locale: Locale; name: string; lang: string; current: boolean }> };
  }
}
