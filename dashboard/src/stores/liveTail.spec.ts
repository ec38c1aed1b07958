import { describe, expect, it } from 'vitest'
import type { LogItem, Severity } from '@/api/types'
import { LIVE_ROW_CAP, useLiveTailStore } from './liveTail'

function log(id: string, severity: Severity = 'LOW', host = 'web-01'): LogItem {
  return { id, timestamp: '2026-11-26T10:00:00Z', host, severity, kind: 'event', topic: 'threat-logs', message: id }
}
const ids = (items: LogItem[]) => items.map((i) => i.id)

describe('live tail store', () => {
  it('puts new items on top, newest first, and ignores repeats', () => {
    const tail = useLiveTailStore()
    tail.backfill([log('b2'), log('b1')])
    tail.receive(log('n1'), log('n2'))
    tail.receive(log('n2'), log('b1'))
    expect(ids(tail.rows)).toEqual(['n2', 'n1', 'b2', 'b1'])
  })

  it('keeps at most the cap, dropping the oldest and counting them', () => {
    const tail = useLiveTailStore()
    expect(tail.cap).toBe(LIVE_ROW_CAP)
    tail.cap = 3
    tail.receive(log('1'), log('2'), log('3'), log('4'), log('5'))
    expect(ids(tail.rows)).toEqual(['5', '4', '3'])
    expect(tail.dropped).toBe(2)
    // A dropped id is forgotten, so it could come back (it will not from the stream, but the set stays small).
    tail.receive(log('1'))
    expect(ids(tail.rows)).toEqual(['1', '5', '4'])
  })

  it('holds new items back while paused and shows them on resume', () => {
    const tail = useLiveTailStore()
    tail.receive(log('a'))
    tail.pause()
    tail.receive(log('b'), log('c'))
    expect(ids(tail.rows)).toEqual(['a'])
    expect(ids(tail.pending)).toEqual(['c', 'b'])
    tail.resume()
    expect(tail.paused).toBe(false)
    expect(ids(tail.rows)).toEqual(['c', 'b', 'a'])
    expect(tail.pending).toEqual([])
  })

  it('turns severity chips into the API filter; all four is no filter; the last one stays on', () => {
    const tail = useLiveTailStore()
    expect(tail.filter).toEqual({ host: undefined, severity: undefined })
    tail.toggleSeverity('LOW')
    tail.toggleSeverity('MEDIUM')
    expect(tail.filter.severity).toEqual(['CRITICAL', 'HIGH'])
    tail.toggleSeverity('CRITICAL')
    tail.toggleSeverity('HIGH') // the last one: stays
    expect(tail.severities).toEqual(['HIGH'])
    tail.setSeverities([])
    expect(tail.filter.severity).toBeUndefined()
  })

  it('starts over when the filters change', () => {
    const tail = useLiveTailStore()
    tail.receive(log('a'))
    tail.setHost('  db-* ')
    expect(tail.rows).toEqual([])
    expect(tail.filter.host).toBe('db-*')
    tail.receive(log('a'))
    expect(ids(tail.rows)).toEqual(['a'])
    tail.setHost('db-*') // unchanged: keeps the rows
    expect(ids(tail.rows)).toEqual(['a'])
  })
})
