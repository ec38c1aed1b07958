import { describe, expect, it } from 'vitest'
import { formatBytes, formatTimestamp, metricSummary } from './format'

describe('format', () => {
  it('formats timestamps', () => {
    expect(formatTimestamp('2026-11-26T10:00:05Z', true)).toBe('2026-11-26 10:00:05')
    expect(formatTimestamp('not a date')).toBe('not a date')
  })

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(120000)).toBe('117.2 KiB')
    expect(formatBytes(8589934592)).toBe('8.0 GiB')
  })

  it('summarises a metric sample', () => {
    expect(
      metricSummary({
        cpu_usage: 93.5,
        memory_usage: { used: 7516192768, total: 8589934592, percentage: 87.5 },
        network: { in_bytes_per_sec: 120000, out_bytes_per_sec: 5400000 },
      }),
    ).toBe('CPU 93.5% · Mem 87.5% (7.0 GiB / 8.0 GiB) · Net ↓117.2 KiB/s ↑5.1 MiB/s')
    expect(metricSummary({ cpu_usage: 12 })).toBe('CPU 12.0%')
    expect(metricSummary({})).toBe('')
  })
})
