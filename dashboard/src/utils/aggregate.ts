// Client-side tallies for the overview, from one page of alerts (no aggregation endpoint needed).
import type { Alert, Severity } from '@/api/types'
import { SEVERITIES } from '@/api/types'

export interface Tally {
  key: string
  label: string
  /** How many alerts. */
  alerts: number
  /** Sum of their counts (events or windows that fired). */
  hits: number
  /** The highest severity among them. */
  severity: Severity
}

function higher(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b
}

/** Groups alerts by `keyOf`, most alerts first (then most hits, then name), at most `limit`. */
export function topBy(
  alerts: readonly Alert[],
  keyOf: (a: Alert) => string,
  labelOf: (a: Alert) => string = keyOf,
  limit = 5,
): Tally[] {
  const tallies = new Map<string, Tally>()
  for (const alert of alerts) {
    const key = keyOf(alert)
    if (!key) continue
    const t = tallies.get(key)
    const hits = typeof alert.count === 'number' ? alert.count : 1
    if (t) {
      t.alerts++
      t.hits += hits
      t.severity = higher(t.severity, alert.severity)
    } else {
      tallies.set(key, { key, label: labelOf(alert) || key, alerts: 1, hits, severity: alert.severity })
    }
  }
  return [...tallies.values()]
    .sort((a, b) => b.alerts - a.alerts || b.hits - a.hits || a.key.localeCompare(b.key))
    .slice(0, limit)
}
