/**
 * Why a request was refused, in words: on the record page when a patron asks, and in the mail
 * when a request placed for him (a recommendation that arrived) was refused.
 */
import type { PlaceRequestRefusal } from '../domain/circulation/request-policy.js';
import type { Localizer, MessageKey, Params } from './index.js';

const REFUSAL_MESSAGE: Record<PlaceRequestRefusal['code'], MessageKey> = {
  RECORD_EXPIRED: 'cat.refused.RECORD_EXPIRED',
  FINES_OVER_CEILING: 'cat.refused.FINES_OVER_CEILING',
  ON_SHELF: 'cat.refused.ON_SHELF',
  ON_LOAN_TO_YOU: 'cat.refused.ON_LOAN_TO_YOU',
  ALREADY_REQUESTED: 'cat.refused.ALREADY_REQUESTED',
  REQUEST_LIMIT: 'cat.refused.REQUEST_LIMIT',
  NO_SUCH_PICKUP: 'cat.refused.NO_SUCH_PICKUP',
  NO_SUCH_RECORD: 'cat.refused.NO_SUCH_RECORD',
};

export function requestRefusalText(r: PlaceRequestRefusal, l: Pick<Localizer, 't' | 'formatDate' | 'formatMoney'>): string {
  const params: Params = {};
  if ('expiry' in r) params.expiry = l.formatDate(r.expiry);
  if ('balance' in r) Object.assign(params, { balance: l.formatMoney(r.balance), ceiling: l.formatMoney(r.ceiling) });
  if ('allowed' in r) params.allowed = r.allowed;
  return l.t(REFUSAL_MESSAGE[r.code], params);
}
