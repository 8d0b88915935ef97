/**
 * The device cookie (OWASP "Slow Brute Force Protection using Device Cookies"): a browser where
 * someone has logged in keeps a random device id, signed with APP_SECRET (cookie-parser's
 * HMAC-SHA-256), for DEVICE_TRUST_DAYS. Which keys it is trusted for is known only to the server
 * (attempt-gate.ts), so the cookie tells nobody at a shared terminal who logged in there.
 * HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS, as the session cookie.
 */
import type { Request, Response } from 'express';
import { DEVICE_TRUST_MS } from '../../domain/auth/device-trust.js';
import { cookieName } from '../http/cookie-names.js';

export type DeviceCookie = ReturnType<typeof deviceCookie>;

export function deviceCookie(production: boolean) {
  const name = cookieName('myrecord.device', production);
  return {
    /** The device id, if the browser sent the cookie and its signature holds (a forged one reads as false). */
    read(req: Request): string | undefined {
      const value: unknown = req.signedCookies?.[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    /** Gives the browser its (new) device id; null: device trust is off, nothing to keep. */
    remember(req: Request, res: Response, device: string | null): void {
      if (device === null) return;
      res.cookie(name, device, { signed: true, httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: DEVICE_TRUST_MS });
    },
  };
}
