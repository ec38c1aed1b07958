// Shapes of the query service's REST API (see CONTRACT.md, "REST API").
// Field names follow the API's JSON exactly (snake_case), so no mapping layer is needed.

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'

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

/** The list envelope shared by /logs, /alerts and /dlq. */
export interface Page<T> {
  items: T[]
  total: number
  /** 1-based. */
  page: number
  size: number
  /** Cursor for `after=` (deep paging), or null on the last page. */
  next: string | null
}

export interface MemoryUsage {
  used: number
  total: number
  percentage: number
}

export interface NetworkUsage {
  in_bytes_per_sec: number
  out_bytes_per_sec: number
}

/** A detection rule that matched an event. */
export interface Threat {
  rule_id: string
  title: string
  severity: Severity
  tags: string[]
}

export type LogKind = 'metric' | 'event'

/** One stored log: a metric sample or a security event. */
export interface LogItem {
  id: string
  /** ISO-8601, UTC. */
  timestamp: string
  host: string
  severity: Severity
  kind: LogKind
  /** Kafka topic the record came from. */
  topic: string
  /** Metric samples may have no message. */
  message: string | null
  cpu_usage?: number
  memory_usage?: MemoryUsage
  network?: NetworkUsage
  threats?: Threat[]
  /** ECS security fields (`process.name`, `source.ip`, ...) and anything else kept. */
  [field: string]: unknown
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed'

export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed']

/** One alert: a rule that fired for a group (host, source, ...), with the events that matched. */
export interface Alert {
  id: string
  rule_id: string
  title: string
  severity: Severity
  tags: string[]
  host: string
  /**
   * Every host that contributed evidence (sorted); a host-limited user sees the alert only when
   * all of them are in scope. Missing in alerts written before the field existed.
   */
  hosts?: string[]
  group_key: string
  /** ISO-8601, UTC. */
  first_seen: string
  last_seen: string
  /** How many times it fired (events or windows) while open. */
  count: number
  status: AlertStatus
  /** Ids of the matched logs, for `GET /logs/{id}` or `GET /logs?ids=…`. */
  event_ids: string[]
  description?: string
  /** Protected values (user names, command lines) are `•••` for roles that may not see them. */
  summary?: string
  status_changed_at?: string
  status_changed_by?: string
  [field: string]: unknown
}

/** One audited status change of an alert (`GET /alerts/{id}/history`). */
export interface AlertHistoryEntry {
  timestamp: string
  user: string
  from_status: AlertStatus | null
  to_status: AlertStatus
  note?: string | null
}

/** One bucket of `GET /metrics/summary`'s series. Null where a bucket has no samples. */
export interface MetricsPoint {
  timestamp: string
  cpu_avg: number | null
  cpu_max: number | null
  memory_avg_percentage: number | null
  net_in: number | null
  net_out: number | null
}

/** `GET /metrics/summary` answer. */
export interface MetricsSummary {
  from: string
  to: string
  /** How many hosts reported (or their names). */
  hosts: number | string[]
  cpu_usage: { avg: number | null; max: number | null; p95: number | null }
  memory_usage: { avg_percentage: number | null; max_percentage: number | null }
  network: { avg_in_bytes_per_sec: number | null; avg_out_bytes_per_sec: number | null }
  series: MetricsPoint[]
}

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
