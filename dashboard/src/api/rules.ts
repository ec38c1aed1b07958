import { http } from './http'
import type { Rule, Severity } from './types'

/** The wire form: the hit count's name and the envelope are normalised here, once. */
type WireRule = Partial<Rule> & {
  id: string
  alert_count?: number
  hit_count?: number
  [field: string]: unknown
}

/** `GET /rules`: the loaded rules with their alert and hit counts, busiest first. */
export async function listRules(signal?: AbortSignal): Promise<Rule[]> {
  // `{"items":[…],"total":N}`; a bare list is accepted too.
  const answer = await http.get<WireRule[] | { items: WireRule[] }>('/rules', undefined, signal)
  const wire: WireRule[] = Array.isArray(answer) ? answer : (answer?.items ?? [])
  return wire.map(toRule).sort((a, b) => b.alerts - a.alerts || b.hits - a.hits || a.id.localeCompare(b.id))
}

export function toRule(w: WireRule): Rule {
  const number = (...values: unknown[]) => (values.find((v) => typeof v === 'number') as number | undefined) ?? 0
  return {
    id: w.id,
    title: w.title ?? w.id,
    kind: w.kind ?? '',
    severity: (w.severity ?? 'LOW') as Severity,
    tags: Array.isArray(w.tags) ? w.tags : [],
    enabled: w.enabled !== false,
    alerts: number(w.alerts, w.alert_count),
    hits: number(w.hits, w.hit_count),
    description: typeof w.description === 'string' ? w.description : undefined,
  }
}
