import { addDays, dayRange, daysBetween, isoWeekday, type Day } from './calendar.js';
import {
  BLOC_TARGETS,
  FIRST_DAY,
  OTHER_SHARE,
  T,
  USAGE,
  W07_GROWTH,
  W07_INDEX,
  WEEK_COUNT,
  type UsagePlan,
} from './usage-plan.js';

// Turns the weekly plan into daily rows: the final (newest as_of) figures of every day. Weekly sums
// are exact to the token, so the published weekly figures hold whatever the daily shape looks like.

export interface DayRow {
  permaslug: string;
  tokens: number;
}

/** Final rows per day, models by tokens descending, then the `other` row last. */
export type DailyUsage = ReadonlyMap<Day, readonly DayRow[]>;

export const OTHER_ROW = 'other';
export const LAST_DAY: Day = addDays(FIRST_DAY, WEEK_COUNT * 7 - 1);
const MAX_MODEL_ROWS = 50;

// Mon..Sun: API traffic is mostly developers at work, so weekends dip.
const WEEKDAY_FACTOR = [1.03, 1.06, 1.06, 1.04, 0.99, 0.83, 0.8];
const HOLIDAY_FACTOR: Readonly<Record<Day, number>> = { '2025-12-31': 0.9, '2026-01-01': 0.78 };
// A release day is partial and the next day still ramps up.
const LAUNCH_RAMP = [0.55, 0.85];

/** Deterministic noise in [-1, 1] from a string (FNV-1a, then a mulberry32 round). */
function noise(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  let t = (hash + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
}

/** Splits an integer total by weights, largest remainder first, so the parts sum exactly. */
function splitExact(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

const DAYS = dayRange(FIRST_DAY, LAST_DAY);
const daysOfWeek = (week: number): Day[] => DAYS.slice(week * 7, week * 7 + 7);
const isActive = (plan: UsagePlan, day: Day): boolean =>
  (plan.from === undefined || day >= plan.from) && (plan.until === undefined || day <= plan.until);

/** Weekly tokens per permaslug (exact integers), the W07 balance already solved. */
function weeklyTargets(): Map<string, number[]> {
  const targets = new Map<string, number[]>();
  for (const plan of USAGE) {
    if (plan.weekly.length !== WEEK_COUNT) throw new Error(`${plan.permaslug}: needs ${WEEK_COUNT} weekly values`);
    for (let week = 0; week < WEEK_COUNT; week++) {
      const active = daysOfWeek(week).some((day) => isActive(plan, day));
      const value = plan.weekly[week] ?? 0;
      const isSolved = plan.mode === 'balance' && week === W07_INDEX;
      if (!isSolved && active !== value > 0) {
        throw new Error(`${plan.permaslug} W${week + 1}: a value is needed exactly on weeks with active days`);
      }
    }
    if (plan.mode !== 'share') targets.set(plan.permaslug, plan.weekly.map((v) => Math.round(v * T)));
  }
  for (const bloc of ['CN', 'US'] as const) {
    const members = USAGE.filter((plan) => plan.bloc === bloc);
    const shares = members.filter((plan) => plan.mode === 'share');
    const perWeek = Array.from({ length: WEEK_COUNT }, (_, week) => {
      const pinned = members
        .filter((plan) => plan.mode !== 'share')
        .reduce((sum, plan) => sum + (targets.get(plan.permaslug)?.[week] ?? 0), 0);
      const left = Math.round((BLOC_TARGETS[bloc][week] ?? 0) * T) - pinned;
      if (left <= 0) throw new Error(`${bloc} W${week + 1}: pinned models exceed the bloc target`);
      return splitExact(left, shares.map((plan) => plan.weekly[week] ?? 0));
    });
    shares.forEach((plan, i) => targets.set(plan.permaslug, perWeek.map((parts) => parts[i] ?? 0)));
  }
  const weekTotal = (week: number): number => {
    const models = [...targets.values()].reduce((sum, weekly) => sum + (weekly[week] ?? 0), 0);
    return models + otherTokens(models, week);
  };
  const previous = weekTotal(W07_INDEX - 1);
  const share = OTHER_SHARE[W07_INDEX] ?? 0;
  for (const plan of USAGE.filter((p) => p.mode === 'balance')) {
    const weekly = targets.get(plan.permaslug) ?? [];
    const others = [...targets.values()].reduce((sum, w) => sum + (w[W07_INDEX] ?? 0), 0) - (weekly[W07_INDEX] ?? 0);
    weekly[W07_INDEX] = Math.round((previous + W07_GROWTH * T) * (1 - share)) - others;
    if ((weekly[W07_INDEX] ?? 0) <= 0) throw new Error(`${plan.permaslug}: the W07 balance came out negative`);
  }
  return targets;
}

/** Tokens of the `other` row for a week whose model rows sum to `models`. */
function otherTokens(models: number, week: number): number {
  const share = OTHER_SHARE[week] ?? 0;
  return Math.round((models * share) / (1 - share));
}

/** Relative daily volume of a model: its weekly mean per active day, interpolated between weeks. */
function dailyShape(plan: UsagePlan, weekly: readonly number[]): Map<Day, number> {
  const anchors: { x: number; level: number }[] = [];
  for (let week = 0; week < WEEK_COUNT; week++) {
    const active = daysOfWeek(week).filter((day) => isActive(plan, day));
    if (active.length === 0) continue;
    const center = active.reduce((sum, day) => sum + daysBetween(FIRST_DAY, day), 0) / active.length;
    anchors.push({ x: center, level: (weekly[week] ?? 0) / active.length });
  }
  const levelAt = (x: number): number => {
    const next = anchors.findIndex((a) => a.x >= x);
    if (next <= 0) return (anchors[next === 0 ? 0 : anchors.length - 1] ?? { level: 0 }).level;
    const a = anchors[next - 1];
    const b = anchors[next];
    if (!a || !b) return 0;
    return a.level + ((b.level - a.level) * (x - a.x)) / (b.x - a.x);
  };
  const shape = new Map<Day, number>();
  for (const day of DAYS.filter((d) => isActive(plan, d))) {
    const sinceLaunch = plan.from === undefined ? Infinity : daysBetween(plan.from, day);
    shape.set(
      day,
      levelAt(daysBetween(FIRST_DAY, day)) *
        (WEEKDAY_FACTOR[isoWeekday(day)] ?? 1) *
        (HOLIDAY_FACTOR[day] ?? 1) *
        (LAUNCH_RAMP[sinceLaunch] ?? 1) *
        (1 + 0.035 * noise(`${plan.permaslug}|${day}`)),
    );
  }
  return shape;
}

export function buildDailyUsage(): DailyUsage {
  const targets = weeklyTargets();
  const byDay = new Map<Day, DayRow[]>(DAYS.map((day) => [day, []]));
  for (const plan of USAGE) {
    const weekly = targets.get(plan.permaslug) ?? [];
    const shape = dailyShape(plan, weekly);
    for (let week = 0; week < WEEK_COUNT; week++) {
      const days = daysOfWeek(week).filter((day) => shape.has(day));
      const parts = splitExact(weekly[week] ?? 0, days.map((day) => shape.get(day) ?? 0));
      days.forEach((day, i) => byDay.get(day)?.push({ permaslug: plan.permaslug, tokens: parts[i] ?? 0 }));
    }
  }
  for (let week = 0; week < WEEK_COUNT; week++) {
    const days = daysOfWeek(week);
    const sums = days.map((day) => (byDay.get(day) ?? []).reduce((sum, row) => sum + row.tokens, 0));
    const other = otherTokens(sums.reduce((a, b) => a + b, 0), week);
    const parts = splitExact(other, sums.map((sum, i) => sum * (1 + 0.06 * noise(`other|${days[i]}`))));
    days.forEach((day, i) => {
      const rows = (byDay.get(day) ?? []).sort((a, b) => b.tokens - a.tokens || a.permaslug.localeCompare(b.permaslug));
      if (rows.length > MAX_MODEL_ROWS) throw new Error(`${day}: ${rows.length} model rows, the API sends at most ${MAX_MODEL_ROWS}`);
      if (rows.some((row) => row.tokens <= 0)) throw new Error(`${day}: a model row has no tokens`);
      rows.push({ permaslug: OTHER_ROW, tokens: parts[i] ?? 0 });
    });
  }
  return byDay;
}
