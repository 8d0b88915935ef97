/**
 * What the app gives each area's routes: the guards every page passes, the cookies and form tokens
 * the app made once, and the few settings pages need. An area's routes build their controllers from
 * their own services and this; nothing else is shared between areas at the web layer.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../../config.js';
import type { StaffRole } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { DeviceCookie } from '../auth/device-cookie.js';
import type { LanguagePreference } from '../language/language.js';
import type { CsrfProtection } from '../middleware/csrf-protection.js';

export interface Guards {
  /** A logged-in patron (on any PIN: the PIN pages themselves). */
  patron: RequestHandler;
  /** The services behind the PIN: a logged-in patron on a PIN he chose. */
  service: RequestHandler[];
  /** A logged-in member of staff, past the second factor when he owes one. */
  staff: RequestHandler;
  /** Staff with the role of a desk or queue. */
  role(role: StaffRole): RequestHandler[];
  /** Administrators. */
  admin: RequestHandler[];
}

export interface WebKit {
  guards: Guards;
  devices: DeviceCookie;
  language: LanguagePreference;
  csrf: CsrfProtection;
  config: Pick<Config, 'appSecret' | 'production' | 'minPinLength' | 'publicUrl' | 'uploadMaxMb'>;
  clock: Clock;
}
