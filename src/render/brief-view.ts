import { isHugeRestatement } from '../core/plausibility.js';
import { pickHeadline, rankSignals } from '../core/signals.js';
import type { Signal } from '../core/signals.types.js';
import { OTHER, UNATTRIBUTED, type Brief, type CountryTotal, type MarketModel, type Restatement, type WeeklyMarket } from '../core/types.js';
import type { Platform } from './escape.js';
import { newLeaderSentence, newModelSentence, signalSentence, speakerFor, type Speaker } from './sentences.js';
import { TEMPLATES, type Templates } from './templates.js';

// What a weekly brief says, decided once for every platform: the view holds escaped strings and
// raw numbers (templates format numbers with the helpers). Block Kit and embeds reuse this view.

const TOP_ROWS = 10;
/** Longer lists end with "and N more": a brief is read in a minute, not studied. */
export const LIST_MAX = 8;
/** Movers get more room: a busy week has a dozen real moves, and the biggest come first anyway. */
export const MOVERS_MAX = 12;
/** A price ratio worth a line: the priciest top model's output vs the #1's. */
const PRICE_RATIO_MIN = 1.5;

export interface ListView {
  items: string[];
  /** Items left out after the list's cap. */
  more: number;
}

export interface CountryRowView {
  country: string;
  tokens: number;
  share: number;
  changePct: number | null;
}

export interface ModelRowView {
  rank: number;
  previousRank: number | null;
  name: string;
  country: string;
  tokens: number;
  share: number;
  changePct: number | null;
  /** Output price, USD per 1M tokens. */
  output: number | null;
}

export interface BriefView {
  headline: string;
  week: string;
  start: string;
  end: string;
  incomplete: { daysPresent: number; reasons: string[] } | null;
  totalTokens: number;
  totalChangePct: number | null;
  /** Country blocs, most tokens first; unattributed models and the long tail come separately. */
  countries: CountryRowView[];
  unattributed: CountryRowView | null;
  longTail: CountryRowView | null;
  top: ModelRowView[];
  /** Widest name in `top`, for aligned plain-text columns. */
  nameWidth: number;
  movers: ListView | null;
  prices: (ListView & { ratio: string | null }) | null;
  newModels: ListView | null;
  revisions: ListView | null;
  /** Said when the figures are not OpenRouter's live data (the bundled sample, recorded files). */
  sourceNote: string | null;
  footer: string;
}

const MOVER_KINDS: ReadonlySet<Signal['kind']> = new Set(['country_crossover', 'overtake', 'new_entry', 'rank_move', 'surge', 'slump', 'exit']);

function pctChange(now: number, before: number | null): number | null {
  return before ? ((now - before) * 100) / before : null;
}

function list(items: string[], max = LIST_MAX): ListView | null {
  if (items.length === 0) return null;
  return { items: items.slice(0, max), more: Math.max(0, items.length - max) };
}

function countryRow(total: CountryTotal, say: Speaker): CountryRowView {
  return { country: say.short(total.country), tokens: total.tokens, share: total.share, changePct: pctChange(total.tokens, total.previousTokens) };
}

export function modelRow(model: MarketModel, say: Speaker): ModelRowView {
  return {
    rank: model.rank,
    previousRank: model.previousRank,
    name: say.model(model.name),
    country: say.short(model.country),
    tokens: model.tokens,
    share: model.share,
    changePct: model.changePct,
    output: model.price?.output ?? null,
  };
}

/** Without a headline signal the brief still tells the reader where things stand. */
function standingHeadline(market: WeeklyMarket, say: Speaker): string {
  const leader = market.models[0];
  if (!leader) return say.sentence('no_usage');
  const standing = { totalTokens: market.totalTokens, leader: say.model(leader.name), stillLeads: leader.previousRank === 1, share: leader.share };
  if (market.previousRanking.length === 0) return say.sentence('first_week', standing);
  // A partial week fires no comparisons, so it is not "quiet", and its change would compare part of a week with a whole one.
  if (!market.coverage.complete) return say.sentence('week_so_far', { ...standing, daysPresent: market.coverage.daysPresent });
  const changePct = pctChange(market.totalTokens, market.previousTotalTokens);
  return say.sentence('quiet_week', { ...standing, changePct, hasChange: changePct !== null });
}

/** The priciest output among the top rows against the #1's, when the gap is worth saying. */
function priceRatio(top: readonly MarketModel[], say: Speaker): string | null {
  const leader = top[0];
  const base = leader?.price?.output;
  if (!leader || !base) return null;
  let priciest: MarketModel | null = null;
  for (const model of top) if ((model.price?.output ?? 0) > (priciest?.price?.output ?? 0)) priciest = model;
  const high = priciest?.price?.output;
  if (!priciest || !high || high / base < PRICE_RATIO_MIN) return null;
  return say.sentence('price_ratio', { priciest: say.model(priciest.name), leader: say.model(leader.name), ratio: high / base, high, base });
}

/**
 * Restated figures, one line per day: "Figures for Feb 14 revised: +1.20B tokens (3 models and the
 * long tail)". No percentage: only the revised rows are known here, and a change measured against
 * them alone would overstate the day's revision.
 */
function revisions(restatements: readonly Restatement[], say: Speaker): string[] {
  // A row restated twice counts once: from its first old value to its last new one.
  const rows = new Map<string, { date: string; from: number; to: number }>();
  for (const r of restatements) {
    const key = `${r.date}\u0000${r.permaslug}`;
    const row = rows.get(key);
    if (row) row.to = r.toTokens;
    else rows.set(key, { date: r.date, from: r.fromTokens, to: r.toTokens });
  }
  const days = new Map<string, { from: number; to: number; models: number; longTail: boolean }>();
  const huge: string[] = [];
  for (const [key, row] of rows) {
    // OpenRouter does restate, but tenfold is more likely a fault than news: named, so a reader can judge.
    if (isHugeRestatement(row.from, row.to)) {
      const who = say.name(key.slice(key.indexOf('\u0000') + 1));
      huge.push(say.sentence('huge_revision', { model: who, date: row.date, from: row.from, to: row.to }));
    }
    const day = days.get(row.date) ?? { from: 0, to: 0, models: 0, longTail: false };
    day.from += row.from;
    day.to += row.to;
    if (key.endsWith(`\u0000${OTHER}`)) day.longTail = true;
    else day.models += 1;
    days.set(row.date, day);
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, day]) =>
      say.sentence('revision', { date, delta: day.to - day.from, models: day.models, oneModel: day.models === 1, longTail: day.longTail }),
    )
    .concat(huge);
}

function sourceNote(source: string, say: Speaker): string | null {
  if (source === 'openrouter') return null;
  if (source === 'sample') return say.sentence('sample_source');
  if (source === 'unknown') return say.sentence('unknown_source');
  return say.sentence('file_source', { source: say.short(source) });
}

/** The attribution OpenRouter's licence asks for, under every figure. */
export function footerText(asOf: string | null, say: Speaker): string {
  return say.sentence('source_line', { asOf: asOf === null ? null : say.short(asOf) });
}

/**
 * What the brief says on a platform. `escaping` is the markup data is escaped for: the platform's
 * own, or 'text' for the plain-text slots of its layout (a Slack header, a Discord footer).
 */
export function briefView(brief: Brief, platform: Platform, templates: Templates = TEMPLATES, escaping: Platform = platform): BriefView {
  const say = speakerFor(platform, brief.modelNames, templates, escaping);
  const { market } = brief;
  const top = market.models.slice(0, TOP_ROWS);
  const rows = top.map((m) => modelRow(m, say));
  const blocs = market.countries.filter((c) => c.country !== UNATTRIBUTED && c.country !== OTHER);
  const special = (country: string) => {
    const total = market.countries.find((c) => c.country === country);
    return total ? countryRow(total, say) : null;
  };
  const ranked = rankSignals(brief.signals, market);
  const headline = pickHeadline(ranked, market);
  // A brand-new #1 fires an overtake and an entry at #1: one sentence says both.
  const leader = ranked.find((s) => s.kind === 'overtake');
  const leaderEntry = leader && ranked.find((s) => s.kind === 'new_entry' && s.model === leader.model);
  const sentence = (s: Signal, headline = false) => (s.kind === 'overtake' && leaderEntry ? newLeaderSentence(s, say) : signalSentence(s, say, headline));
  // The headline already says its signal; the sections list the others.
  const rest = ranked.filter((s) => s !== headline && s !== leaderEntry);
  const priceMoves = rest.filter((s) => s.kind === 'price_change').map((s) => sentence(s));
  const ratio = priceRatio(top, say);
  const prices = list(priceMoves);
  return {
    headline: headline === null ? standingHeadline(market, say) : sentence(headline, true),
    week: say.short(market.week),
    start: market.start,
    end: market.end,
    incomplete: market.coverage.complete
      ? null
      : { daysPresent: market.coverage.daysPresent, reasons: market.coverage.reasons.map((r) => say.text(r)) },
    totalTokens: market.totalTokens,
    totalChangePct: pctChange(market.totalTokens, market.previousTotalTokens),
    countries: blocs.map((c) => countryRow(c, say)),
    unattributed: special(UNATTRIBUTED),
    longTail: special(OTHER),
    top: rows,
    nameWidth: Math.max(5, ...rows.map((r) => [...r.name].length)),
    movers: list(rest.filter((s) => MOVER_KINDS.has(s.kind)).map((s) => sentence(s)), MOVERS_MAX),
    prices: prices || ratio ? { ...(prices ?? { items: [], more: 0 }), ratio } : null,
    newModels: list(rest.flatMap((s) => (s.kind === 'new_model' ? [newModelSentence(s, say, true)] : []))),
    revisions: list(revisions(brief.restatements, say)),
    sourceNote: sourceNote(brief.source, say),
    footer: footerText(market.asOf, say),
  };
}
