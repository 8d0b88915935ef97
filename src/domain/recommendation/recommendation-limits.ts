/**
 * How many recommendations a patron may make (docs/rules.md §8): so many open at once, and so many in
 * any window of days, per patron type. The numbers come from the recommendation_limits table.
 * Supporting someone else's recommendation makes no new one, so it counts towards neither limit.
 */
export interface RecommendationLimits {
  openAllowed: number;
  windowAllowed: number;
  windowDays: number;
}

/** Where the patron stands: what he has, against what he may have. */
export interface LimitStanding {
  open: number;
  inWindow: number;
  limits: RecommendationLimits;
}

export type LimitRefusal = { code: 'OPEN_LIMIT'; allowed: number } | { code: 'WINDOW_LIMIT'; allowed: number; days: number };

/** Why one more recommendation is refused now, or undefined when it may be made. */
export function limitRefusal(standing: LimitStanding): LimitRefusal | undefined {
  const { limits } = standing;
  if (standing.open >= limits.openAllowed) return { code: 'OPEN_LIMIT', allowed: limits.openAllowed };
  if (standing.inWindow >= limits.windowAllowed) return { code: 'WINDOW_LIMIT', allowed: limits.windowAllowed, days: limits.windowDays };
  return undefined;
}
