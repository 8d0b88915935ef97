import type { Request, Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import { takeNotice } from '../session-helpers.js';

/** The seven services the PIN opens, by the library's names (pin-policy.md §8). None is built yet. */
export const SERVICES: readonly MessageKey[] = [
  'service.circulationRecord',
  'service.bookRenewal',
  'service.bookRequest',
  'service.bookRecommendation',
  'service.interlibraryLoan',
  'service.researchArchive',
  'service.iBooking',
];

export function createHomeController() {
  return {
    show(req: Request, res: Response) {
      res.render('myrecord/home', { services: SERVICES, notice: takeNotice(req, res.locals.t) });
    },
  };
}
