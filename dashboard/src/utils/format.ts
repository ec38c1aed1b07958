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
    const pct =
      typeof mem.percentage === 'number'
        ? mem.percentage
        : mem.total > 0
          ? (mem.used / mem.total) * 100
          : NaN
    parts.push(`Mem ${formatPercent(pct)} (${formatBytes(mem.used)} / ${formatBytes(mem.total)})`)
  }
  const net = item.network
  if (net) {
    parts.push(
      `Net ↓${formatBytes(net.in_bytes_per_sec)}/s ↑${formatBytes(net.out_bytes_per_sec)}/s`,
    )
  }
  return parts.join(' · ')
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}
