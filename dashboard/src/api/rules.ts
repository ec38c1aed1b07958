import { ApiError, http } from './http'
import type { components } from './generated'
import type { ApiRule, BacktestResult, DeployOutcome, ItemList, Rule } from './types'

/**
 * The wire form, read defensively: a catalog document stored by an older job may lack fields the
 * schema calls required. Names and the envelope are normalised here, once.
 */
type WireRule = Partial<ApiRule> & { id: string }

type WireDeploy = components['schemas']['DeployOutcome']

/** `GET /rules`: the loaded rules with their alert and hit counts, busiest first. */
export async function listRules(signal?: AbortSignal): Promise<Rule[]> {
  // `{"items":[…],"total":N}`; a bare list is accepted too.
  const answer = await http.get<WireRule[] | ItemList<WireRule>>('/rules', undefined, signal)
  const wire: WireRule[] = Array.isArray(answer) ? answer : (answer?.items ?? [])
  return wire.map(toRule).sort((a, b) => b.alerts - a.alerts || b.hits - a.hits || a.id.localeCompare(b.id))
}

export function toRule(w: WireRule): Rule {
  const number = (...values: unknown[]) => (values.find((v) => typeof v === 'number') as number | undefined) ?? 0
  return {
    id: w.id,
    title: w.title ?? w.id,
    kind: w.kind ?? '',
    severity: w.severity ?? 'LOW',
    tags: Array.isArray(w.tags) ? w.tags : [],
    enabled: w.enabled !== false,
    alerts: number(w.alert_count),
    hits: number(w.hit_count),
    description: typeof w.description === 'string' ? w.description : undefined,
    mode: w.mode === 'shadow' ? 'shadow' : 'live',
    dormant: typeof w.dormant === 'string' && w.dormant ? w.dormant : undefined,
    logsource: typeof w.logsource === 'string' ? w.logsource : undefined,
    ruleSet: typeof w.rule_set === 'string' ? w.rule_set : undefined,
    alerts24h: number(w.alerts_24h),
  }
}

/**
 * `POST /rules/deploy` (admins): `vigil rules deploy` on the server. A deploy that did not happen
 * (invalid rules, a failing test, the job refusing them) answers 422 with the same body: its output
 * says why, so it is an outcome here, not an error.
 */
export async function deployRules(): Promise<DeployOutcome> {
  try {
    const answer = await http.post<WireDeploy>('/rules/deploy')
    return { ok: answer.ok === true, output: answer.output ?? '' }
  } catch (e) {
    const body = e instanceof ApiError ? (e.problem as Partial<WireDeploy> | undefined) : undefined
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
