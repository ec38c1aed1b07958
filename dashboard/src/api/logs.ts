import { http, streamUrl } from './http'
import type { LogItem, LogKind, Page, PageQuery, Severity, TimeWindow } from './types'

/** The filters shared by the list and the live stream. */
export interface LogFilter extends TimeWindow {
  /** Exact host name or glob (`web-*`). */
  host?: string
  severity?: readonly Severity[]
  kind?: LogKind
  /** Full-text query. */
  q?: string
}

export type LogQuery = LogFilter & PageQuery

/** `GET /logs`: one page of logs, newest first. */
export function listLogs(query: LogQuery = {}, signal?: AbortSignal): Promise<Page<LogItem>> {
  return http.get<Page<LogItem>>('/logs', { ...query }, signal)
}

/** `GET /logs/{id}`: one log with every stored field; a 404 ApiError when missing or out of scope. */
export function getLog(id: string, signal?: AbortSignal): Promise<LogItem> {
  return http.get<LogItem>(`/logs/${encodeURIComponent(id)}`, undefined, signal)
}

/**
 * `GET /logs?ids=…`: those of the given logs (at most 100) that exist and are in the caller's
 * scope, by id, in one request. An absent one is simply not in the map (no 404 per id).
 */
export async function getLogs(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, LogItem>> {
  if (ids.length === 0) return new Map()
  const page = await http.get<Page<LogItem>>('/logs', { ids, size: ids.length }, signal)
  return new Map(page.items.map((log) => [log.id, log]))
}

/** URL for EventSource: `GET /logs/stream`, one `log` event per new log matching the filter. */
export function logStreamUrl(filter: LogFilter = {}): string {
  return streamUrl('/logs/stream', { ...filter })
}
