/**
 * The security page's chart, drawn on the server as SVG (d3-scale for the axes, d3-shape for the
 * lines): successes, failures and refused attempts per bucket. The view writes the numbers and path
 * data through escaped output; the same figures are in the table beside it for screen readers.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { AttemptBucket } from '../../domain/auth/attempt-records.js';
import type { MessageKey } from '../../messages/index.js';

export const CHART_SERIES = ['successes', 'failures', 'refused'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

/** Each line's name, in the legend under the chart and as the table's column. */
const SERIES_LABEL: Record<ChartSeries, MessageKey> = {
  successes: 'staff.security.successes',
  failures: 'staff.security.failures',
  refused: 'staff.security.refused',
};

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 52 };

export interface SecurityChart {
  width: number;
  height: number;
  lines: Array<{ series: ChartSeries; d: string }>;
  labels: Record<ChartSeries, MessageKey>;
  yTicks: Array<{ y: number; value: number }>;
  xTicks: Array<{ x: number; startMs: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
}

export function securityChart(buckets: readonly AttemptBucket[], xTickEvery: number): SecurityChart {
  const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const highest = Math.max(1, ...buckets.flatMap((b) => CHART_SERIES.map((s) => b[s])));
  const x = scaleLinear()
    .domain([0, Math.max(1, buckets.length - 1)])
    .range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, highest]).nice().range([plot.bottom, plot.top]);
  const round = (n: number) => Math.round(n * 10) / 10;
  const lines = CHART_SERIES.map((series) => ({
    series,
    d:
      line<AttemptBucket>()
        .x((_, i) => round(x(i)))
        .y((b) => round(y(b[series])))(buckets as AttemptBucket[]) ?? '',
  }));
  const yTicks = y
    .ticks(5)
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ y: round(y(value)), value }));
  const xTicks = buckets.flatMap((bucket, i) => (i % xTickEvery === 0 ? [{ x: round(x(i)), startMs: bucket.startMs }] : []));
  return { width: WIDTH, height: HEIGHT, lines, labels: SERIES_LABEL, yTicks, xTicks, plot };
}
