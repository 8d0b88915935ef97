import 'express-session';

/** What a session holds. Nothing secret: no PIN, no ID number. */
declare module 'express-session' {
  interface SessionData {
    /** Set at login. */
    patronId?: number;
    /** A one-time note shown on the next page (after a PIN change, or at log-out). */
    notice?: string;
  }
}
