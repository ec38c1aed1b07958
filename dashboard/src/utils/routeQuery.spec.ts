import { describe, expect, it } from 'vitest'
import { ALERT_STATUSES, SEVERITIES } from '@/api/types'
import { queryList, queryPage, querySeverities, queryText } from './routeQuery'

describe('routeQuery', () => {
  it('reads the first value of a parameter, trimmed', () => {
    expect(queryText(' web-01 ')).toBe('web-01')
    expect(queryText(['a', 'b'])).toBe('a')
    expect(queryText(null)).toBe('')
    expect(queryText(undefined)).toBe('')
  })

  it('keeps the allowed values of a comma list, in their own order', () => {
    expect(queryList('closed,bogus,open', ALERT_STATUSES)).toEqual(['open', 'closed'])
    expect(queryList('', ALERT_STATUSES)).toEqual([])
  })

  it('reads severities, all of them when none is named', () => {
    expect(querySeverities('LOW,CRITICAL')).toEqual(['CRITICAL', 'LOW'])
    expect(querySeverities('nonsense')).toEqual([...SEVERITIES])
    expect(querySeverities(undefined)).toEqual([...SEVERITIES])
  })

  it('reads a page number, 1 when unusable', () => {
    expect(queryPage('3')).toBe(3)
    expect(queryPage(undefined)).toBe(1)
    expect(queryPage('0')).toBe(1)
    expect(queryPage('2.5')).toBe(1)
    expect(queryPage('x')).toBe(1)
  })
})
