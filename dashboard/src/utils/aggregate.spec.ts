import { describe, expect, it } from 'vitest'
import type { Alert } from '@/api/types'
import { topBy } from './aggregate'

const a = (host: string, rule: string, severity: Alert['severity'], count = 1): Alert => ({
  id: `${host}-${rule}-${Math.random()}`,
  rule_id: rule,
  title: rule.toUpperCase(),
  severity,
  tags: [],
  host,
  group_key: host,
  first_seen: '',
  last_seen: '',
  count,
  status: 'open',
  event_ids: [],
})

describe('topBy', () => {
  it('ranks by alerts, then hits, with the highest severity of each group', () => {
    const alerts = [
      a('web-01', 'r1', 'LOW', 3),
      a('web-01', 'r2', 'CRITICAL'),
      a('db-01', 'r1', 'HIGH', 10),
      a('api-01', 'r1', 'MEDIUM', 2),
    ]
    expect(topBy(alerts, (x) => x.host)).toEqual([
      { key: 'web-01', label: 'web-01', alerts: 2, hits: 4, severity: 'CRITICAL' },
      { key: 'db-01', label: 'db-01', alerts: 1, hits: 10, severity: 'HIGH' },
      { key: 'api-01', label: 'api-01', alerts: 1, hits: 2, severity: 'MEDIUM' },
    ])
    const rules = topBy(
      alerts,
      (x) => x.rule_id,
      (x) => x.title,
      1,
    )
    expect(rules).toEqual([{ key: 'r1', label: 'R1', alerts: 3, hits: 15, severity: 'HIGH' }])
  })
})
