import type { Response } from 'express';
import type { MessageKey } from '../../messages/index.js';
import type { Refusal } from '../../services/auth/attempt-gate.js';

/**
 * The answer to an attempt refused before any check: 429, with Retry-After when waiting
 * helps, and words for why. `keyBlocked` names the message for the one-minute block on
 * this form; `suspended` the one for the hard limit (a reset is needed, not time).
 */
export function refuse(res: Response, refusal: Refusal, words: { keyBlocked: MessageKey; suspended: MessageKey }): string {
  const { t } = res.locals;
  res.status(429);
  if (refusal.reason === 'suspended') return t(words.suspended);
  res.set('Retry-After', String(refusal.retryAfterSeconds));
  return t(refusal.reason === 'key' ? words.keyBlocked : 'refusal.address', { seconds: refusal.retryAfterSeconds });
}
