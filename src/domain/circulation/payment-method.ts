/** How a fine was paid at the counter: a required choice on the payment form. */
export const PAYMENT_METHODS = ['cash', 'octopus', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export function isPaymentMethod(value: string): value is PaymentMethod {
  return (PAYMENT_METHODS as readonly string[]).includes(value);
}
