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

/** `GET /me` answer. */
export interface CurrentUser {
  username: string
  roles: Role[]
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
