/**
 * The language of the portal, per browser and per person. The switch on every page stores the
 * choice in a cookie (no server session is needed to read it) and, when someone is logged in, on
 * his record, so that his mail follows it and another browser finds it at his next login. Without
 * a choice, the browser's Accept-Language decides (Hong Kong, Macau, Taiwan, zh-Hant: 繁體中文).
 */
import type { Request, Response } from 'express';
import type { PatronRepo } from '../../db/patrons/patron-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { isLocale, localeForLanguages, type Locale } from '../../domain/shared/locale.js';
import { cookieName } from '../http/cookie-names.js';

const YEAR_MS = 365 * 86_400_000;

export type LanguagePreference = ReturnType<typeof languagePreference>;

export function languagePreference(deps: { patrons: PatronRepo; staff: StaffRepo; production: boolean }) {
  const name = cookieName('myrecord.lang', deps.production);

  /** The language this browser chose with the switch, if any. */
  function chosen(req: Request): Locale | undefined {
    const value: unknown = req.cookies?.[name];
    return isLocale(value) ? value : undefined;
  }

  function remember(req: Request, res: Response, locale: Locale): void {
    res.cookie(name, locale, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: YEAR_MS });
  }

  function store(req: Request, locale: Locale): void {
    if (req.session.patronId !== undefined) deps.patrons.setLanguage(req.session.patronId, locale);
    if (req.session.staffId !== undefined) deps.staff.setLanguage(req.session.staffId, locale);
  }

  return {
    localeOf(req: Request): Locale {
      return chosen(req) ?? localeForLanguages(req.acceptsLanguages());
    },

    /** The switch: this browser keeps the choice, and so does the record of whoever is logged in. */
    choose(req: Request, res: Response, locale: Locale): void {
      remember(req, res, locale);
      store(req, locale);
    },

    /**
     * Just after a login (the session already names who): a choice made in this browser goes on the
     * record; a browser with no choice takes the record's; a record with none takes the browser's.
     */
    atLogin(req: Request, res: Response, stored: Locale | null): void {
      const browser = chosen(req);
      if (browser === undefined && stored !== null) return remember(req, res, stored);
      const locale = browser ?? localeForLanguages(req.acceptsLanguages());
      if (locale !== stored) store(req, locale);
    },
  };
}
