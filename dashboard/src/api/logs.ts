import { http } from './http'
import type { LogItem, LogKind, Page, Severity } from './types'

export interface LogQuery {
  /** Exact host name or glob (`web-*`). */
  host?: string
  /** 1-based. */
  page?: number
  /** 1–500; the API's default is 50. */
  size?: number
  severity?: readonly Severity[]
  kind?: LogKind
  /** Full-text query. */
  q?: string
  /** ISO-8601 or relative (`now-15m`). */
  from?: string
  to?: string
}

/** `GET /logs`: one page of logs, newest first. */
export function listLogs(query: LogQuery = {}, signal?: AbortSignal): Promise<Page<LogItem>> {
  return http.get<Page<LogItem>>('/logs', { ...query }, signal)
}
