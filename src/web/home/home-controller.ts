import type { Request, Response } from 'express';
import type { Localizer, MessageKey, Translate } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { Patron } from '../../domain/patrons/patron.js';
import { PATRON_TYPE_LABEL } from '../patrons/patron-type-label.js';
import { takeNotice } from '../session/session-helpers.js';

/** The services behind the PIN (docs/rules.md §8), each of which says in one line where the patron stands in it. */
export type LaterService = 'recommendations' | 'ill' | 'deposits' | 'bookings';
export type ServiceSummaries = Partial<Record<LaterService, (patron: Patron, l: Localizer) => string>>;

/** A later service as the home and the menu see it: where the patron stands in it, and whether his type may use it. */
export interface HomeService {
  service: LaterService;
  summary(patron: Patron, l: Localizer): string;
  mayUse(patron: Patron): boolean;
}

/**
 * The seven services the PIN opens, by the library's names (docs/rules.md §8), with where each
 * lives. One of the later four is linked once its summary is given (it is built); until then the
 * home says plainly that it is not yet available.
 */
export const SERVICES: ReadonlyArray<{ key: MessageKey; href: string; summary: 'loans' | 'renew' | 'requests' | LaterService }> = [
  { key: 'service.circulationRecord', href: '/myrecord/circulation', summary: 'loans' },
  { key: 'service.bookRenewal', href: '/myrecord/renew', summary: 'renew' },
  { key: 'service.bookRequest', href: '/catalogue', summary: 'requests' },
  { key: 'service.bookRecommendation', href: '/myrecord/recommendations', summary: 'recommendations' },
  { key: 'service.interlibraryLoan', href: '/myrecord/ill', summary: 'ill' },
  { key: 'service.researchArchive', href: '/myrecord/deposits', summary: 'deposits' },
  { key: 'service.iBooking', href: '/myrecord/bookings', summary: 'bookings' },
];

/** What needs the patron now, in words and with a link to it: books ready for pickup, items overdue. */
function homeAlerts(s: { ready: number; overdue: number }, t: Translate): Array<{ text: string; link: string; href: string }> {
  const alerts = [];
  if (s.ready > 0)
    alerts.push({
      text: t('home.alert.ready', { count: s.ready }),
      link: t('home.alert.readyLink'),
      href: '/myrecord/circulation#requests-title',
    });
  if (s.overdue > 0)
    alerts.push({
      text: t('home.alert.overdue', { count: s.overdue }),
      link: t('home.alert.overdueLink'),
      href: '/myrecord/circulation#loans-title',
    });
  return alerts;
}

export function createHomeController(deps: { circulation: CirculationService; services: ServiceSummaries }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = res.locals.patron!;
      const s = deps.circulation.summary(patron);
      const summaries: Partial<Record<(typeof SERVICES)[number]['summary'], string>> = {
        loans: s.onLoan === 0 ? t('home.summary.noLoans') : t('home.summary.loans', { count: s.onLoan, overdue: s.overdue }),
        renew: s.onLoan === 0 ? t('home.summary.noLoans') : t('home.summary.renew', { count: s.renewable }),
        requests: s.requests === 0 ? t('home.summary.noRequests') : t('home.summary.requests', { count: s.requests, ready: s.ready }),
      };
      for (const [service, summarise] of Object.entries(deps.services) as Array<[LaterService, (p: Patron, l: Localizer) => string]>) {
        summaries[service] = summarise(patron, res.locals);
      }
      res.render('home/home', {
        patronTypeLabel: t(PATRON_TYPE_LABEL[patron.patronType]),
        expiry: patron.expiryDate === null ? t('home.noExpiry') : res.locals.formatDate(patron.expiryDate),
        alerts: homeAlerts(s, t),
        // A service is linked when it is built: when it has a summary to show.
        services: SERVICES.map((service) => ({ ...service, built: summaries[service.summary] !== undefined })),
        summaries,
        fines: s.balance > 0 ? t('home.summary.fines', { amount: res.locals.formatMoney(s.balance) }) : undefined,
        notice: takeNotice(req, t),
      });
    },
  };
}
