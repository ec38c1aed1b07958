import { http } from './http'
import type { MetricsSummary, TimeWindow } from './types'

/** Without `from`, the API summarises the last hour. */
export interface MetricsQuery extends TimeWindow {
  /** One host (or glob); fleet-wide when missing. */
  host?: string
  /** Bucket size of the series, e.g. `1m`, `1h`. */
  interval?: string
}

/** `GET /metrics/summary`: CPU, memory and network statistics and a series over time. */
export async function metricsSummary(query: MetricsQuery = {}, signal?: AbortSignal): Promise<MetricsSummary> {
  const summary = await http.get<MetricsSummary>('/metrics/summary', { ...query }, signal)
  return { ...summary, series: Array.isArray(summary.series) ? summary.series : [] }
}

/** The host count of a summary, whether the API answers a number or the host names. */
export function hostCount(summary: Pick<MetricsSummary, 'hosts'>): number {
  const hosts = summary.hosts as unknown
  if (Array.isArray(hosts)) return hosts.length
  return typeof hosts === 'number' ? hosts : 0
}
