/**
 * The admins' security page (`/staff/security`) and its figures as CSV: what the attempt gate saw
 * in the last hour, day or week, as a chart, the same figures as a table, and the barcodes and
 * addresses with the most failures.
 */
import type { Request, Response } from 'express';
import { usernameOfAttemptKey } from '../../domain/staff/staff.js';
import { SECURITY_PERIODS, type SecurityPeriod, type SecurityReportService } from '../../services/staff/security-report.js';
import { queryText } from '../http/query-params.js';
import { securityChart } from './security-chart.js';

/** A label on the chart's time axis every so many buckets. */
const X_TICK_EVERY: Record<SecurityPeriod, number> = { hour: 10, day: 4, week: 24 };

function periodOf(req: Request): SecurityPeriod {
  const asked = queryText(req.query.period, 8);
  return (SECURITY_PERIODS as readonly string[]).includes(asked) ? (asked as SecurityPeriod) : 'hour';
}

/** An ISO 8601 moment in Hong Kong time, for the CSV ("2026-12-04T08:05:00+08:00"). */
function hongKongIso(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function createStaffSecurityController(deps: { reports: SecurityReportService }) {
  return {
    show(req: Request, res: Response) {
      const { t } = res.locals;
      const report = deps.reports.report(periodOf(req));
      const keyLabel = (key: string) => {
        const username = usernameOfAttemptKey(key);
        return username === undefined ? key : t('staff.security.staffKey', { username });
      };
      res.render('staff/security', {
        report,
        chart: securityChart(report.buckets, X_TICK_EVERY[report.period]),
        periods: SECURITY_PERIODS,
        topKeys: report.topKeys.map((row) => ({ ...row, label: keyLabel(row.value) })),
      });
    },

    csv(req: Request, res: Response) {
      const report = deps.reports.report(periodOf(req));
      const lines = [
        'start,successes,failures,refused',
        ...report.buckets.map((b) => `${hongKongIso(b.startMs)},${b.successes},${b.failures},${b.refused}`),
      ];
      res.type('text/csv; charset=utf-8');
      res.attachment(`myrecord-security-${report.period}.csv`);
      res.send(`${lines.join('\r\n')}\r\n`);
    },
  };
}
