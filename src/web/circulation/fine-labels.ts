/** Fines and payments in words: a fine's reason and how a payment was made, on every page that lists them. */
import type { FineReason } from '../../domain/circulation/fine-reason.js';
import type { PaymentMethod } from '../../domain/circulation/payment-method.js';
import type { MessageKey, Translate } from '../../messages/index.js';

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, MessageKey> = {
  cash: 'paymentMethod.cash',
  octopus: 'paymentMethod.octopus',
  card: 'paymentMethod.card',
};

/** A payment recorded before the counter asked how it was made says so. */
export function paymentMethodText(method: PaymentMethod | null, t: Translate): string {
  return t(method === null ? 'paymentMethod.unrecorded' : PAYMENT_METHOD_LABEL[method]);
}

/** An overdue fine is put in words in the reader's language; a note written by hand is shown as it is. */
export function fineReasonText(reason: FineReason, t: Translate): string {
  return reason.kind === 'overdue' ? t('fine.reason.overdue', { title: reason.title, days: reason.daysLate }) : reason.text;
}
