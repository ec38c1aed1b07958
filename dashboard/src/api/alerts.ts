import { http, streamUrl } from './http'
import type { Alert, AlertHistoryEntry, AlertStatus, ItemList, Page, PageQuery, Severity, TimeWindow } from './types'

/** The filters shared by the list and the stream; the window picks the alerts active in it. */
export interface AlertFilter extends TimeWindow {
  severity?: readonly Severity[]
  status?: readonly AlertStatus[]
  /** Exact host name or glob. */
  host?: string
  rule_id?: string
}

export type AlertQuery = AlertFilter & PageQuery

/** `GET /alerts`: one page of alerts, newest first. */
export function listAlerts(query: AlertQuery = {}, signal?: AbortSignal): Promise<Page<Alert>> {
  return http.get<Page<Alert>>('/alerts', { ...query }, signal)
}

/**
 * `GET /alerts/{id}`: one alert, for a shared link to an alert that is not on the list page
 * at hand. Not in the contract's table (yet): callers treat any error as "not found".
 */
export function getAlert(id: string, signal?: AbortSignal): Promise<Alert> {
  return http.get<Alert>(`/alerts/${encodeURIComponent(id)}`, undefined, signal)
}

/** `PATCH /alerts/{id}`: acknowledge, close or reopen, with a note for the audit trail. */
export function changeAlertStatus(id: string, status: AlertStatus, note?: string): Promise<Alert> {
  const body: { status: AlertStatus; note?: string } = { status }
  if (note && note.trim()) body.note = note.trim()
  return http.patch<Alert>(`/alerts/${encodeURIComponent(id)}`, body)
}

/** `GET /alerts/{id}/history`: every status change, oldest first. Accepts a list or the list envelope. */
export async function alertHistory(id: string, signal?: AbortSignal): Promise<AlertHistoryEntry[]> {
  const answer = await http.get<AlertHistoryEntry[] | ItemList<AlertHistoryEntry>>(
    `/alerts/${encodeURIComponent(id)}/history`,
    undefined,
    signal,
  )
  const entries = Array.isArray(answer) ? answer : (answer?.items ?? [])
  return [...entries].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
}

/** URL for EventSource: `GET /alerts/stream` with the list's filters. */
export function alertStreamUrl(query: AlertFilter = {}): string {
  return streamUrl('/alerts/stream', { ...query })
}
