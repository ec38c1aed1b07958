// Time ranges of the views: a preset relative to now (`1h`) or a custom absolute range,
// kept in the URL (`?range=1h` or `?from=…&to=…`) and turned into API parameters here.
import type { LocationQuery } from 'vue-router'
import { queryText } from './routeQuery'

export const RANGE_PRESETS = ['15m', '1h', '24h', '7d'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const PRESET_LABELS: Record<RangePreset, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
}

const PRESET_MILLIS: Record<RangePreset, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
}

/**
 * The range each page shows when its URL names none. A URL leaves its page's default out
 * (rangeToQuery), so a link to another page leaves out that page's default, not its own.
 */
export const DEFAULT_RANGES = {
  overview: '24h',
  search: '24h',
  alerts: '7d',
  metrics: '1h',
} as const satisfies Record<string, RangePreset>

export type TimeRange =
  | { preset: RangePreset }
  /** Custom: ISO-8601 instants; a missing `to` means now. */
  | { preset: 'custom'; from: string; to?: string }

export function isPreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value)
}

function first(value: LocationQuery[string] | undefined): string | undefined {
  return queryText(value) || undefined
}

function validInstant(value: string | undefined): string | undefined {
  if (!value) return undefined
  return Number.isNaN(Date.parse(value)) ? undefined : new Date(value).toISOString()
}

/** Reads `?range=` or `?from=&to=`; anything unreadable falls back to the default preset. */
export function rangeFromQuery(query: LocationQuery, fallback: RangePreset = '1h'): TimeRange {
  const from = validInstant(first(query.from))
  if (from) {
    const to = validInstant(first(query.to))
    return to ? { preset: 'custom', from, to } : { preset: 'custom', from }
  }
  const range = first(query.range)
  return { preset: isPreset(range) ? range : fallback }
}

/** The URL form; the default preset is left out to keep links short. */
export function rangeToQuery(range: TimeRange, fallback: RangePreset = '1h'): Record<string, string> {
  if (range.preset === 'custom') return range.to ? { from: range.from, to: range.to } : { from: range.from }
  return range.preset === fallback ? {} : { range: range.preset }
}

/** The API's `from`/`to`: relative for presets (`now-1h`), so a refresh moves with the clock. */
export function rangeParams(range: TimeRange): { from: string; to?: string } {
  if (range.preset === 'custom') return range.to ? { from: range.from, to: range.to } : { from: range.from }
  return { from: `now-${range.preset}` }
}

/** Absolute bounds, for chart axes. */
export function rangeBounds(range: TimeRange, now: number = Date.now()): { from: number; to: number } {
  if (range.preset === 'custom') {
    return { from: Date.parse(range.from), to: range.to ? Date.parse(range.to) : now }
  }
  return { from: now - PRESET_MILLIS[range.preset], to: now }
}

/** Bucket size for a metrics series, the rollup sizes: minutes up to a day, hours beyond (as the API's default). */
export function intervalFor(range: TimeRange, now: number = Date.now()): '1m' | '1h' {
  const { from, to } = rangeBounds(range, now)
  return to - from <= 24 * 3_600_000 ? '1m' : '1h'
}

export function describeRange(range: TimeRange): string {
  if (range.preset !== 'custom') return PRESET_LABELS[range.preset]
  const fmt = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
  return range.to ? `${fmt(range.from)} – ${fmt(range.to)}` : `Since ${fmt(range.from)}`
}

/** `<input type="datetime-local">` value (local time, minutes) ↔ ISO-8601 UTC. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const d = new Date(value) // no zone in the value: local time
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}
