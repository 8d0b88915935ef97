import 'express-session';
import type { SessionNotice, StaffPending } from './session-helpers.js';
import type { RenewalOutcome } from '../../services/circulation/circulation-service.js';
import type { CheckInEntry, CheckoutSession, CounterResult } from '../circulation/counter-session.js';

/** What a session holds. Nothing secret in the clear: no PIN, no ID number, no recovery code. */
declare module 'express-session' {
  interface SessionData {
    /** Set at login. */
    patronId?: number;
    /** The patron's pin_changed_at when the session began (0 if never changed). */
    pinStamp?: number;
    /** Set at a staff login. A session is a patron's or a member of staff's, never both. */
    staffId?: number;
    /** The staff member's password_changed_at when the session began. */
    staffStamp?: number;
    /**
     * When the second factor the session gave a code of was turned on (its confirmed_at), if it
     * gave one: checked on every staff request against what the policy asks now (require-staff.ts).
     */
    staffFactorOn?: number;
    /**
     * Between a right password and the second factor: whose password it was, the
     * password's stamp, whether the member is to give a code (`ask`) or enrol first (`enrol`),
     * when (the step expires), and the page asked for. Such a session passes no staff guard.
     */
    staffPending?: StaffPending;
    /**
     * The recovery codes just made at enrolment, shown once on the next page and then dropped;
     * sealed with a key derived from APP_SECRET, so a copy of the sessions table does not give them.
     */
    recoveryCodesSealed?: string;
    /** Where a login that enrolled on the way goes once the recovery codes were seen. */
    afterRecoveryCodes?: string;
    /** A one-time note shown on the next page. */
    notice?: SessionNotice;
    /** A renewal's outcomes, shown once on the Book Renewal page it redirects to (put in words there). */
    renewalOutcomes?: RenewalOutcome[];
    /** At the counter: the patron being served at check-out and the loans issued to them so far. */
    checkout?: CheckoutSession;
    /** At the counter: the outcome of the last check-out or check-in, shown once. */
    counterResult?: CounterResult;
    /** At the counter: this session's check-in scans, newest first, until cleared (capped: counter-session.ts). */
    checkIns?: CheckInEntry[];
  }
}
