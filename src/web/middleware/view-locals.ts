import type { Request, RequestHandler, Response } from 'express';
import { DEFAULT_LOCALE, translator } from '../../messages/index.js';
import { formatDate, formatDateTime, formatMoney } from '../../messages/format.js';

/** What every page may use: the message catalogue, the language, and the form's CSRF token. */
export function viewLocals(generateCsrfToken: (req: Request, res: Response) => string): RequestHandler {
  const t = translator(DEFAULT_LOCALE);
  return (req, res, next) => {
    res.locals.t = t;
    res.locals.lang = DEFAULT_LOCALE;
    res.locals.formatDate = formatDate;
    res.locals.formatDateTime = formatDateTime;
    res.locals.formatMoney = formatMoney;
    // A token is made only when a page with a form asks for one, and once however many forms it has.
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Locals {
    t: import('../../messages/index.js').Translate;
    lang: string;
    csrfToken: () => string;
    formatDate: typeof formatDate;
    formatDateTime: typeof formatDateTime;
    formatMoney: typeof formatMoney;
  }
}
