import { describe, expect, it } from 'vitest'
import {
  binaryAxis,
  capitalize,
  flattenFields,
  formatBytes,
  formatMaybePercent,
  formatRate,
  formatRelative,
  formatTimestamp,
  metricSummary,
} from './format'

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

describe('more formatting', () => {
  const now = Date.parse('2026-11-26T12:00:00Z')

  it('says how long ago', () => {
    expect(formatRelative('2026-11-26T11:59:55Z', now)).toBe('5 s ago')
    expect(formatRelative('2026-11-26T11:57:00Z', now)).toBe('3 min ago')
    expect(formatRelative('2026-11-26T09:00:00Z', now)).toBe('3 h ago')
    expect(formatRelative('2026-11-22T12:00:00Z', now)).toBe('4 d ago')
    expect(formatRelative('2026-11-26T12:00:10Z', now)).toBe('just now')
    expect(formatRelative('garbage', now)).toBe('garbage')
  })

  it('formats rates and missing numbers', () => {
    expect(formatRate(5400000)).toBe('5.1 MiB/s')
    expect(formatRate(null)).toBe('–')
    expect(formatMaybePercent(undefined)).toBe('–')
    expect(formatMaybePercent(42)).toBe('42.0%')
    expect(capitalize('acknowledged')).toBe('Acknowledged')
  })

  it('puts byte-rate ticks at round binary steps', () => {
    expect(binaryAxis(1.1 * 1024 * 1024)).toEqual({ interval: 256 * 1024, max: 1.25 * 1024 * 1024 })
    expect(binaryAxis(600)).toEqual({ interval: 128, max: 640 })
    expect(binaryAxis(0)).toEqual({})
    expect(formatBytes(256 * 1024)).toBe('256.0 KiB')
  })

  it('flattens every field of a document to dotted names, sorted', () => {
    expect(
      flattenFields({
        id: 'x',
        host: 'web-01',
        memory_usage: { used: 1, percentage: 50 },
        source: { ip: '203.0.113.77', port: null },
        tags: ['a', 'b'],
        threats: [{ rule_id: 'r' }],
        extra: {},
      }),
    ).toEqual([
      ['extra', '{}'],
      ['host', 'web-01'],
      ['id', 'x'],
      ['memory_usage.percentage', '50'],
      ['memory_usage.used', '1'],
      ['source.ip', '203.0.113.77'],
      ['source.port', ''],
      ['tags', 'a, b'],
      ['threats', '[{"rule_id":"r"}]'],
    ])
  })
})
