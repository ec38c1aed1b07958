// Display formatting shared by the views. Pure functions, unit-tested.
import type { LogItem } from '@/api/types'

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-26 10:00:00` in the browser's time zone (or UTC); the input text when unparseable. */
export function formatTimestamp(iso: string, utc = false): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const [y, mo, day, h, mi, s] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]
  return `${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}`
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Binary units with one decimal from KiB up: `7516192768` → `7.0 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}

export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)}%` : '–'
}

/** One line for a metric sample: `CPU 93.5% · Mem 87.5% (7.0 GiB / 8.0 GiB) · Net ↓117.2 KiB/s ↑5.1 MiB/s`. */
export function metricSummary(item: Pick<LogItem, 'cpu_usage' | 'memory_usage' | 'network'>): string {
  const parts: string[] = []
  if (typeof item.cpu_usage === 'number') parts.push(`CPU ${formatPercent(item.cpu_usage)}`)
  const mem = item.memory_usage
  if (mem) {
    // A stored sample may lack any of the three (the API types them optional): shown as '–'.
    const used = mem.used ?? NaN
    const total = mem.total ?? NaN
    const pct = typeof mem.percentage === 'number' ? mem.percentage : total > 0 ? (used / total) * 100 : NaN
    parts.push(`Mem ${formatPercent(pct)} (${formatBytes(used)} / ${formatBytes(total)})`)
  }
  const net = item.network
  if (net) {
    parts.push(`Net ↓${formatBytes(net.in_bytes_per_sec ?? NaN)}/s ↑${formatBytes(net.out_bytes_per_sec ?? NaN)}/s`)
  }
  return parts.join(' · ')
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** `5 s ago`, `3 min ago`, `2 h ago`, `4 d ago`; the time itself beyond 30 days. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const seconds = Math.round((now - t) / 1000)
  if (seconds < 0) return 'just now'
  if (seconds < 60) return `${seconds} s ago`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  const days = Math.floor(hours / 24)
  return days <= 30 ? `${days} d ago` : formatTimestamp(iso)
}

/** Byte rate: `5.1 MiB/s`; `–` when missing. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  return typeof bytesPerSecond === 'number' ? `${formatBytes(bytesPerSecond)}/s` : '–'
}

/** A percentage that may be missing: `93.5%` or `–`. */
export function formatMaybePercent(value: number | null | undefined): string {
  return typeof value === 'number' ? formatPercent(value) : '–'
}

/**
 * Every field of a stored document as `[dotted.path, text]` rows, sorted, for the detail views:
 * nested objects are flattened (`memory_usage.percentage`), arrays of scalars joined, arrays
 * of objects kept as JSON.
 */
export function flattenFields(doc: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>)
      if (entries.length === 0 && path) rows.push([path, '{}'])
      for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key)
      return
    }
    if (Array.isArray(value)) {
      const scalars = value.every((v) => v === null || typeof v !== 'object')
      rows.push([path, scalars ? value.map((v) => String(v)).join(', ') : JSON.stringify(value)])
      return
    }
    rows.push([path, value === null || value === undefined ? '' : String(value)])
  }
  walk(doc, '')
  return rows.sort(([a], [b]) => a.localeCompare(b))
}

/** Title case for statuses: `acknowledged` → `Acknowledged`. */
export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text
}

/**
 * A y axis for byte values with ticks at round binary steps: `{interval: 256 KiB, max: 1.25 MiB}`
 * for a maximum of 1.1 MiB. About four to eight ticks; empty for a zero or invalid maximum.
 */
export function binaryAxis(max: number): { interval?: number; max?: number } {
  if (!Number.isFinite(max) || max <= 0) return {}
  let unit = 1
  while (max / unit >= 1024) unit *= 1024
  // Below six of the unit (1.1 MiB), count in the unit beneath (1126 KiB): finer round steps.
  if (unit > 1 && max / unit < 6) unit /= 1024
  const scaled = max / unit
  const steps = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
  const step = steps.find((s) => scaled / s <= 6) ?? 2048
  const interval = step * unit
  return { interval, max: Math.ceil(max / interval) * interval }
}
