/**
 * The patron's menu (views/partials/patron-menu.ejs): home and the seven services of the home page,
 * in the home's order, each one listed only when it is built (the home links it) and the patron's
 * type may use it: a menu entry that only leads to "not for you" is a dead end on every page.
 * Worked out when a page draws the menu, not for every request.
 */
import type { RequestHandler } from 'express';
import type { Patron } from '../../domain/patrons/patron.js';
import type { MessageKey } from '../../messages/index.js';
import type { LaterService } from '../home/home-controller.js';

export interface MenuItem {
  href: string;
  key: MessageKey;
}

const MENU: ReadonlyArray<MenuItem & { service?: LaterService }> = [
  { href: '/myrecord', key: 'nav.home' },
  { href: '/myrecord/circulation', key: 'nav.circulation' },
  { href: '/myrecord/renew', key: 'nav.renew' },
  { href: '/catalogue', key: 'nav.search' },
  { href: '/myrecord/recommendations', key: 'nav.recommendations', service: 'recommendations' },
  { href: '/myrecord/ill', key: 'nav.ill', service: 'ill' },
  { href: '/myrecord/deposits', key: 'nav.deposits', service: 'deposits' },
  { href: '/myrecord/bookings', key: 'nav.bookings', service: 'bookings' },
];

/** For each later service that is built, whether this patron may use it. */
export type ServiceUse = Partial<Record<LaterService, (patron: Patron) => boolean>>;

export function patronMenu(use: ServiceUse): RequestHandler {
  return (_req, res, next) => {
    res.locals.patronMenu = () => {
      const patron = res.locals.patron;
      return MENU.filter((item) => item.service === undefined || (patron !== undefined && use[item.service]?.(patron) === true)).map(
        ({ href, key }) => ({ href, key }),
      );
    };
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The patron's menu entries, for the page being drawn. */
    patronMenu?: () => MenuItem[];
  }
}
