import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useAuthStore } from '@/stores/auth'
import { ApiError } from './http'
import { backtestRules, deployRules, listRules, toRule } from './rules'

type FetchArgs = [input: string, init: RequestInit]

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function stubFetch(...responses: Response[]) {
  const fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>()
  for (const r of responses) fetchMock.mockResolvedValueOnce(r)
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

describe('rules api', () => {
  beforeEach(() => useAuthStore().setSession('tok', 3600))

  it('reads mode, dormancy, logsource, the rule set and the 24 h rate from the catalog', () => {
    const rule = toRule({
      id: 'r',
      mode: 'shadow',
      dormant: 'Vigil has no Windows event log input',
      logsource: 'product=windows',
      rule_set: 'abc',
      alerts_24h: 7,
    })
    expect(rule).toMatchObject({
      mode: 'shadow',
      dormant: 'Vigil has no Windows event log input',
      logsource: 'product=windows',
      ruleSet: 'abc',
      alerts24h: 7,
    })
    expect(toRule({ id: 'old' })).toMatchObject({ mode: 'live', dormant: undefined, alerts24h: 0 })
  })

  it('lists the catalog', async () => {
    stubFetch(
      json({
        items: [
          { id: 'a', alert_count: 1, mode: 'live' },
          { id: 'b', alert_count: 3, mode: 'shadow' },
        ],
        total: 2,
      }),
    )
    expect((await listRules()).map((r) => [r.id, r.mode])).toEqual([
      ['b', 'shadow'],
      ['a', 'live'],
    ])
  })

  it('a deploy that did not happen is an outcome with its output, not an error', async () => {
    const fetchMock = stubFetch(json({ ok: false, exit_code: 1, output: 'FAIL  rules/x.tests.yml:2: ...' }, 422))
    await expect(deployRules()).resolves.toEqual({ ok: false, output: 'FAIL  rules/x.tests.yml:2: ...' })
    expect(fetchMock.mock.calls[0]![0]).toBe('/rules/deploy')
    expect(fetchMock.mock.calls[0]![1].method).toBe('POST')
  })

  it('a refused deploy (another one runs) is an error', async () => {
    stubFetch(
      new Response(JSON.stringify({ status: 409, title: 'Conflict', detail: 'another rule action is running' }), {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    )
    await expect(deployRules()).rejects.toBeInstanceOf(ApiError)
  })

  it('a backtest posts its range', async () => {
    const fetchMock = stubFetch(json({ from: 'f', to: 't', events: 3, alerts: [], by_rule: {} }))
    await expect(backtestRules('now-1h', 'now')).resolves.toMatchObject({ events: 3 })
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1].body))).toEqual({ from: 'now-1h', to: 'now' })
  })
})
