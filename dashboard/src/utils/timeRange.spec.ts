import { describe, expect, it } from 'vitest'
import {
  fromLocalInput,
  intervalFor,
  rangeBounds,
  rangeFromQuery,
  rangeParams,
  rangeToQuery,
  toLocalInput,
} from './timeRange'

const NOW = Date.parse('2026-11-26T12:00:00Z')

describe('time ranges', () => {
  it('reads presets and custom ranges from the URL, falling back to the default', () => {
    expect(rangeFromQuery({ range: '7d' })).toEqual({ preset: '7d' })
    expect(rangeFromQuery({ range: '3y' })).toEqual({ preset: '1h' })
    expect(rangeFromQuery({}, '24h')).toEqual({ preset: '24h' })
    expect(rangeFromQuery({ from: '2026-11-26T10:00:00Z', to: '2026-11-26T11:00:00Z', range: '7d' })).toEqual({
      preset: 'custom',
      from: '2026-11-26T10:00:00.000Z',
      to: '2026-11-26T11:00:00.000Z',
    })
    expect(rangeFromQuery({ from: 'yesterday-ish' })).toEqual({ preset: '1h' })
  })

  it('writes the URL form, leaving out the default', () => {
    expect(rangeToQuery({ preset: '1h' })).toEqual({})
    expect(rangeToQuery({ preset: '15m' })).toEqual({ range: '15m' })
    expect(rangeToQuery({ preset: 'custom', from: 'a' })).toEqual({ from: 'a' })
  })

  it('gives the API relative times for presets and instants for custom ranges', () => {
    expect(rangeParams({ preset: '24h' })).toEqual({ from: 'now-24h' })
    expect(rangeParams({ preset: 'custom', from: 'f', to: 't' })).toEqual({ from: 'f', to: 't' })
  })

  it('computes absolute bounds and a bucket size', () => {
    expect(rangeBounds({ preset: '15m' }, NOW)).toEqual({ from: NOW - 900_000, to: NOW })
    expect(intervalFor({ preset: '1h' }, NOW)).toBe('1m')
    expect(intervalFor({ preset: '24h' }, NOW)).toBe('1m')
    expect(intervalFor({ preset: '7d' }, NOW)).toBe('1h')
    expect(intervalFor({ preset: 'custom', from: '2026-11-26T09:00:00Z', to: '2026-11-26T11:00:00Z' }, NOW)).toBe('1m')
  })

  it('converts datetime-local values both ways', () => {
    const iso = fromLocalInput('2026-11-26T10:30')!
    expect(toLocalInput(iso)).toBe('2026-11-26T10:30')
    expect(fromLocalInput('')).toBeUndefined()
    expect(toLocalInput('nonsense')).toBe('')
  })
})
