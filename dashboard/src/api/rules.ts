import { ApiError, http } from './http'
import type { BacktestResult, DeployOutcome, Rule, Severity } from './types'

/** The wire form: the hit count's name and the envelope are normalised here, once. */
type WireRule = Partial<Rule> & {
  id: string
  alert_count?: number
  hit_count?: number
  alerts_24h?: number
  rule_set?: string
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
    mode: w.mode === 'shadow' ? 'shadow' : 'live',
    dormant: typeof w.dormant === 'string' && w.dormant ? w.dormant : undefined,
    logsource: typeof w.logsource === 'string' ? w.logsource : undefined,
    ruleSet: typeof w.rule_set === 'string' ? w.rule_set : typeof w.ruleSet === 'string' ? w.ruleSet : undefined,
    alerts24h: number(w.alerts24h, w.alerts_24h),
  }
}

/**
 * `POST /rules/deploy` (admins): `vigil rules deploy` on the server. A deploy that did not happen
 * (invalid rules, a failing test, the job refusing them) answers 422 with the same body: its output
 * says why, so it is an outcome here, not an error.
 */
export async function deployRules(): Promise<DeployOutcome> {
  try {
    const answer = await http.post<{ ok: boolean; output: string }>('/rules/deploy')
    return { ok: answer.ok === true, output: answer.output ?? '' }
  } catch (e) {
    const body = e instanceof ApiError ? (e.problem as { ok?: boolean; output?: string } | undefined) : undefined
    if (e instanceof ApiError && e.status === 422 && typeof body?.output === 'string') {
      return { ok: false, output: body.output }
    }
    throw e
  }
}

/** `POST /rules/backtest` (admins): the alerts the current rules would have raised from `from` to `to`. */
export function backtestRules(from: string, to: string): Promise<BacktestResult> {
  return http.post<BacktestResult>('/rules/backtest', { from, to })
}
