// Shapes of the query service's REST API (see CONTRACT.md, "REST API").
// Field names follow the API's JSON exactly (snake_case), so no mapping layer is needed.
// Alerts, logs, rules (and deploy, backtest), an alert's history, the list envelopes and the metrics
// summary, login, stream tickets, /me and the items of the live streams come from ./generated.ts,
// which `npm run api:types` generates from the service's /openapi.yml (the build fails when it is
// stale). Still by hand: problem details (Micronaut's, not a record of ours), the Rules page's
// own `Rule`, which `toRule` reads from the API's, and the query parameters the list endpoints share
// (`TimeWindow`, `PageQuery`: the document types every parameter as text).
import type { components } from './generated'

type Schemas = components['schemas']

/**
 * The named properties of a schema, without the `[key: string]: unknown` that a stored document's
 * open rest (`additionalProperties`) adds: `Omit` on a type with an index signature would drop them all.
 */
type Named<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }

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

/** `POST /login` answer; `expires_in` in seconds. */
export type TokenResponse = Schemas['TokenResponse']

/** `POST /streams/tickets` answer: a single-use credential for opening one stream, valid `expires_in` seconds. */
export type StreamTicket = Schemas['StreamTicketsController.TicketResponse']

/** `GET /me` answer; `hosts` are the host globs the user is limited to, empty for every host. */
export type CurrentUser = Omit<Schemas['MeController.Me'], 'roles'> & { roles: Role[] }

/** The list envelope shared by /logs, /alerts and /dlq: `next` is the cursor for `after=`, null on the last page. */
export type Page<T> = Omit<Schemas['Page_LogItem_'], 'items'> & { items: T[] }

/** The time window of a list, a stream or the metrics summary: ISO-8601 or relative (`now-15m`); `to` is now when missing. */
export interface TimeWindow {
  from?: string
  to?: string
}

/** Which page of a list (/logs, /alerts, /dlq) to answer. */
export interface PageQuery {
  /** 1-based. */
  page?: number
  /** 1–500; the API's default is 50. */
  size?: number
  /** Cursor: the `next` of the previous page. */
  after?: string
}

/** The unpaged list of /rules, an alert's history and /notifications/channels: `{"items":[…],"total":N}`. */
export type ItemList<T> = Omit<Schemas['ItemList_Rule_'], 'items'> & { items: T[] }

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

/** One audited status change of an alert (`GET /alerts/{id}/history`); the statuses narrowed as in `Alert`. */
export type AlertHistoryEntry = Schemas['AlertHistoryEntry'] & { from_status: AlertStatus; to_status: AlertStatus }

/** One bucket of `GET /metrics/summary`'s series. Null where a bucket has no samples. */
export type MetricsPoint = Schemas['Summary.Point']

/** `GET /metrics/summary` answer. */
export type MetricsSummary = Schemas['Summary']

/** A rule as `GET /rules` answers it: the catalog document with its alert counts. */
export type ApiRule = Schemas['Rule']

/** A loaded detection rule as the Rules page shows it, read from an `ApiRule` by `toRule` (api/rules.ts). */
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

/** What `POST /rules/deploy` answered (with 200 or 422 alike): the `vigil rules deploy` run. */
export type DeployOutcome = Pick<Schemas['DeployOutcome'], 'ok' | 'output'>

/**
 * One alert a backtest found: the alert document as the job would have written it, without a status.
 * The API keeps these open (the Alert schema requires a status), so the type is taken from `Alert`.
 */
export type BacktestAlert = Omit<Named<Alert>, 'status'>

/** `POST /rules/backtest`: what the current rules would have raised over the stored events of a range. */
export type BacktestResult = Omit<Named<Schemas['BacktestResult']>, 'alerts'> & { alerts: BacktestAlert[] }
