import type { Request, Response } from 'express';
import type { MessageKey, Translate } from '../../messages/index.js';
import type { CirculationService } from '../../services/circulation-service.js';
import { PATRON_TYPE_LABEL } from '../patron-type-label.js';
import { takeNotice } from '../session-helpers.js';

/** The seven services the PIN opens, by the library's names (pin-policy.md §8), with where each lives if built. */
export const SERVICES: ReadonlyArray<{ key: MessageKey; href?: string; summary?: 'loans' | 'renew' | 'requests' }> = [
  { key: 'service.circulationRecord', href: '/myrecord/circulation', summary: 'loans' },
  { key: 'service.bookRenewal', href: '/myrecord/renew', summary: 'renew' },
  { key: 'service.bookRequest', href: '/catalogue', summary: 'requests' },
  { key: 'service.bookRecommendation' },
  { key: 'service.interlibraryLoan' },
  { key: 'service.researchArchive' },
  { key: 'service.iBooking' },
];

/** What needs the patron now, in words and with a link to it: books ready for pickup, items overdue. */
function homeAlerts(s: { ready: number; overdue: number }, t: Translate): Array<{ text: string; link: string; href: string }> {
  const alerts = [];
  if (s.ready > 0) alerts.push({ text: t('home.alert.ready', { count: s.ready }), link: t('home.alert.readyLink'), href: '/myrecord/circulation#requests-title' });
  if (s.overdue > 0) alerts.push({ text: t('home.alert.overdue', { count: s.overdue }), link: t('home.alert.overdueLink'), href: '/myrecord/circulation#loans-title' });
  return alerts;
}

export function createHomeController(deps: { circulation: CirculationService }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const patron = res.locals.patron!;
      const s = deps.circulation.summary(patron);
      const summaries = {
        loans: s.onLoan === 0 ? t('home.summary.noLoans') : t('home.summary.loans', { count: s.onLoan, overdue: s.overdue }),
        renew: s.onLoan === 0 ? t('home.summary.noLoans') : t('home.summary.renew', { count: s.renewable }),
        requests: s.requests === 0 ? t('home.summary.noRequests') : t('home.summary.requests', { count: s.requests, ready: s.ready }),
      };
      res.render('myrecord/home', {
        patronTypeLabel: t(PATRON_TYPE_LABEL[patron.patronType]),
        expiry: patron.expiryDate === null ? t('home.noExpiry') : res.locals.formatDate(patron.expiryDate),
        alerts: homeAlerts(s, t),
        services: SERVICES,
        summaries,
        fines: s.balance > 0 ? t('home.summary.fines', { amount: res.locals.formatMoney(s.balance) }) : undefined,
        notice: takeNotice(req, t),
      });
    },
  };
}
