/**
 * The alert an admin can act on: when failed attempts across all keys in the last ten
 * minutes reach ATTACK_ALERT_FAILURES, an incident opens and the active admins with an e-mail address
 * are mailed once, each in the language on their account, with the figures and a link to the
 * security page. The incident ends when a ten-minute window falls below the threshold again; the
 * next crossing is a new incident. Opening the incident is one INSERT under a unique index, so two
 * processes watching at once mail once. Checked every minute by the server; it reads only the
 * per-minute summaries (migration 016).
 */
import type { AttackIncidentRepo } from '../../db/auth/attack-incident-repo.js';
import type { SecuritySummaryRepo } from '../../db/auth/security-summary-repo.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import { usernameOfAttemptKey } from '../../domain/staff/staff.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { DEFAULT_LOCALE, localizerFor } from '../../messages/index.js';
import { describeMailError, type Mailer } from '../mail/mailer.js';

export const ALERT_WINDOW_MS = 10 * 60_000;

export type AttackAlert = ReturnType<typeof createAttackAlert>;

export function createAttackAlert(deps: {
  summary: SecuritySummaryRepo;
  incidents: AttackIncidentRepo;
  staff: StaffRepo;
  mailer: Mailer;
  logger: Logger;
  clock: Clock;
  threshold: number;
  publicUrl: string;
}) {
  const { summary, incidents, staff, mailer, logger, clock, threshold, publicUrl } = deps;
  const inFlight = new Set<Promise<void>>();

  function mailAdmins(failures: number, startedAt: number): void {
    const since = startedAt - ALERT_WINDOW_MS;
    const [key] = summary.top('key', since, startedAt + 1, 1);
    const [address] = summary.top('address', since, startedAt + 1, 1);
    for (const admin of staff.adminsWithEmail()) {
      const { t, formatDateTime, formatNumber } = localizerFor(admin.language ?? DEFAULT_LOCALE);
      const username = key && usernameOfAttemptKey(key.value);
      const target = !key ? '—' : username === undefined ? key.value : t('staff.security.staffKey', { username });
      const sending = mailer
        .send({
          to: admin.email!,
          subject: t('mail.attackAlert.subject', { failures }),
          text: t('mail.attackAlert.body', {
            failures,
            threshold: formatNumber(threshold),
            when: formatDateTime(startedAt),
            key: target,
            address: address?.value ?? '—',
            link: `${publicUrl}/staff/security?period=hour`,
            signature: t('mail.signature'),
          }),
        })
        .catch((err: unknown) => logger.error(`the attack alert to staff account ${admin.username} failed: ${describeMailError(err)}`))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  }

  return {
    /** Looks at the last ten minutes: opens (and mails) or ends an incident. Returns what it did. */
    check(): 'opened' | 'ended' | 'none' {
      if (threshold === 0) return 'none';
      const now = clock.now();
      const failures = summary.failuresSince(now - ALERT_WINDOW_MS + 60_000);
      const open = incidents.current();
      if (open) {
        if (failures >= threshold) return 'none';
        incidents.close(open.id, now);
        return 'ended';
      }
      if (failures < threshold || incidents.open(now, failures) === undefined) return 'none';
      mailAdmins(failures, now);
      return 'opened';
    },
    /** Mail in flight, for tests and a graceful stop. */
    settled: () => Promise.all([...inFlight]).then(() => undefined),
  };
}
