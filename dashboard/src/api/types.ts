// Shapes of the query service's REST API (see CONTRACT.md, "REST API").
// Field names follow the API's JSON exactly (snake_case), so no mapping layer is needed.
// Alerts, logs, the list envelope and the metrics summary come from ./generated.ts, which
// `npm run api:types` generates from the service's /openapi.yml (the build fails when it is stale);
// the rest is still written by hand until its controller answers a typed record.
import type { components } from './generated'

type Schemas = components['schemas']

export type Severity = Schemas['Severity']

/** Highest first: handy for sorting and for "at least" filters. */
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']

export type Role = 'viewer' | 'analyst' | 'admin'

/** RFC 9457 problem details, the body of every API error (`application/problem+json`). */
export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
}

/** `POST /login` answer. */
export interface TokenResponse {
  access_token: string
  token_type: string
  /** Seconds until the token expires. */
  expires_in: number
}

/** `POST /streams/tickets` answer: a single-use credential for opening one stream. */
export interface StreamTicket {
  ticket: string
  /** Seconds it stays valid if unused. */
  expires_in: number
}

/** `GET /me` answer. */
export interface CurrentUser {
  username: string
  roles: Role[]
  /** Host globs the user is limited to; empty or missing: every host. */
  hosts?: string[]
}

/** The list envelope shared by /logs, /alerts and /dlq: `next` is the cursor for `after=`, null on the last page. */
export type Page<T> = Omit<Schemas['Page_LogItem_'], 'items'> & { items: T[] }

export type MemoryUsage = Schemas['LogItem.MemoryUsage']

export type NetworkUsage = Schemas['LogItem.Network']

/** A detection rule that matched an event. */
export type Threat = Schemas['LogItem.Threat']

export type LogKind = Schemas['LogItem']['kind']

/** One stored log: a metric sample or a security event, with its ECS fields and anything else kept. */
export type LogItem = Schemas['LogItem']

export type AlertStatus = 'open' | 'acknowledged' | 'closed'

export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed']

/**
 * One alert: a rule that fired for a group (host, source, ...), with the events that matched.
 * The document types `status` as text (the service stores the enum's lower-case form); narrowed here.
 */
export type Alert = Schemas['Alert'] & { status: AlertStatus }

/** One audited status change of an alert (`GET /alerts/{id}/history`). */
export interface AlertHistoryEntry {
  timestamp: string
  user: string
  from_status: AlertStatus | null
  to_status: AlertStatus
  note?: string | null
}

/** One bucket of `GET /metrics/summary`'s series. Null where a bucket has no samples. */
export type MetricsPoint = Schemas['Summary.Point']

/** `GET /metrics/summary` answer. */
export type MetricsSummary = Schemas['Summary']

/** A loaded detection rule (`GET /rules`). */
export interface Rule {
  id: string
  title: string
  kind: string
  severity: Severity
  tags: string[]
  enabled: boolean
  /** How many alerts it raised. */
  alerts: number
  /** How many times it fired: the sum of its alerts' counts. */
  hits: number
  description?: string
  /** `live`, or `shadow`: its alerts are stored marked shadow, count in no badge, notify nobody. */
  mode: 'live' | 'shadow'
  /** Why it never runs (no Vigil source produces its logsource's events), when it is dormant. */
  dormant?: string
  /** Its logsource as declared, e.g. `product=linux service=sshd`. */
  logsource?: string
  /** The version (SHA-256) of the rule set the job loaded it from. */
  ruleSet?: string
  /** Alerts first seen in the last 24 hours (shadow ones too): a shadow rule's would-be rate. */
  alerts24h: number
}

/** What `POST /rules/deploy` answered: the `vigil rules deploy` run. */
export interface DeployOutcome {
  ok: boolean
  output: string
}

/** One alert a backtest found (the alert document as the job would have written it). */
export interface BacktestAlert {
  id: string
  rule_id: string
  title: string
  severity: Severity
  host: string
  group_key: string
  first_seen: string
  last_seen: string
  count: number
  summary: string
  shadow: boolean
}

/** `POST /rules/backtest`: what the current rules would have raised over the stored events of a range. */
export interface BacktestResult {
  from: string
  to: string
  events: number
  alerts: BacktestAlert[]
  by_rule: Record<string, number>
}
