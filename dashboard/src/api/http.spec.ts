import { beforeEach, describe, expect, it, vi } from 'vitest'
import { router } from '@/router'
import { SESSION_KEY, useAuthStore } from '@/stores/auth'
import { login, me } from './auth'
import { alertHistory, changeAlertStatus, listAlerts } from './alerts'
import { ApiError, buildUrl, http, streamUrl, ticketedStreamUrl } from './http'
import { getLog, listLogs, logStreamUrl } from './logs'
import { hostCount, metricsSummary } from './metrics'
import { listRules } from './rules'

type FetchArgs = [input: string, init: RequestInit]

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

function problem(status: number, title: string, detail?: string): Response {
  return json({ type: 'about:blank', status, title, detail }, status, 'application/problem+json')
}

function stubFetch(...responses: Response[]) {
  const fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>()
  for (const r of responses) fetchMock.mockResolvedValueOnce(r)
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function headersOf(call: FetchArgs | undefined): Record<string, string> {
  return (call?.[1].headers ?? {}) as Record<string, string>
}

describe('http client', () => {
  beforeEach(async () => {
    await router.replace('/login')
  })

  it('sends the bearer token of the session', async () => {
    useAuthStore().setSession('tok-123', 3600)
    const fetchMock = stubFetch(json({ username: 'alice', roles: ['viewer'] }))

    await expect(me()).resolves.toEqual({ username: 'alice', roles: ['viewer'] })

    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/me')
    expect(init.method).toBe('GET')
    expect(headersOf(fetchMock.mock.calls[0]).Authorization).toBe('Bearer tok-123')
  })

  it('sends no Authorization header without a session', async () => {
    const fetchMock = stubFetch(json({ status: 'UP' }))
    await http.get('/health')
    expect(headersOf(fetchMock.mock.calls[0])).not.toHaveProperty('Authorization')
  })

  it('posts the credentials as JSON to /login without a token', async () => {
    useAuthStore().setSession('old-token')
    const fetchMock = stubFetch(json({ access_token: 'new', token_type: 'Bearer', expires_in: 900 }))

    const answer = await login('alice', 's3cret')

    expect(answer.access_token).toBe('new')
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/login')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ username: 'alice', password: 's3cret' })
    expect(headersOf(fetchMock.mock.calls[0])['Content-Type']).toBe('application/json')
    expect(headersOf(fetchMock.mock.calls[0])).not.toHaveProperty('Authorization')
  })

  it('puts the log filters in the query string and leaves out empty ones', async () => {
    useAuthStore().setSession('tok')
    const page = { items: [], total: 0, page: 2, size: 20, next: null }
    const fetchMock = stubFetch(json(page))

    await expect(listLogs({ host: 'web-*', page: 2, size: 20, q: '' })).resolves.toEqual(page)

    expect(fetchMock.mock.calls[0]![0]).toBe('/logs?host=web-*&page=2&size=20')
  })

  it('maps a problem+json answer to an ApiError with status, title and detail', async () => {
    useAuthStore().setSession('tok')
    stubFetch(problem(403, 'Forbidden', 'Admins only'))

    const error = await http.get('/dlq').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 403, title: 'Forbidden', detail: 'Admins only' })
    expect((error as ApiError).userMessage).toBe('Admins only')
    expect(useAuthStore().token).toBe('tok')
  })

  it('maps a non-JSON error answer to an ApiError with the HTTP status', async () => {
    stubFetch(new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }))

    const error = await http.get('/health').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', detail: undefined })
  })

  it('maps a network failure to an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))

    const error = await http.get('/health').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 0, title: 'Network error' })
  })

  it('on 401 clears the token and sends the user to the login page', async () => {
    const auth = useAuthStore()
    auth.setSession('expired-token', 3600)
    await router.push('/search?host=web-01')
    expect(router.currentRoute.value.name).toBe('search')
    stubFetch(problem(401, 'Unauthorized', 'Token expired'))

    const error = await listLogs({ host: 'web-01' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect(auth.token).toBeNull()
    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/search?host=web-01')
  })

  it('a 401 from /login is a wrong password, not an ended session', async () => {
    const auth = useAuthStore()
    auth.setSession('still-valid')
    stubFetch(problem(401, 'Unauthorized', 'Bad credentials'))

    const error = await login('alice', 'wrong').catch((e: unknown) => e)

    expect(error).toMatchObject({ status: 401, detail: 'Bad credentials' })
    expect(auth.token).toBe('still-valid')
  })

  it('returns undefined for 204 No Content', async () => {
    useAuthStore().setSession('tok')
    stubFetch(new Response(null, { status: 204 }))
    await expect(http.patch('/alerts/a1', { status: 'closed' })).resolves.toBeUndefined()
  })
})

describe('typed API functions', () => {
  beforeEach(() => useAuthStore().setSession('tok'))

  it('GET /logs/{id} escapes the id', async () => {
    const fetchMock = stubFetch(json({ id: 'a/b', host: 'h' }))
    await getLog('a/b')
    expect(fetchMock.mock.calls[0]![0]).toBe('/logs/a%2Fb')
  })

  it('lists alerts with comma-joined severities and statuses', async () => {
    const fetchMock = stubFetch(json({ items: [], total: 0, page: 1, size: 25, next: null }))
    await listAlerts({ severity: ['HIGH', 'CRITICAL'], status: ['open'], host: 'bastion-01', from: 'now-7d', size: 25 })
    expect(fetchMock.mock.calls[0]![0]).toBe(
      '/alerts?severity=HIGH%2CCRITICAL&status=open&host=bastion-01&from=now-7d&size=25',
    )
  })

  it('PATCHes a status change with a trimmed note, and leaves out an empty one', async () => {
    const fetchMock = stubFetch(json({ id: 'a1', status: 'acknowledged' }), json({ id: 'a1', status: 'closed' }))
    await changeAlertStatus('a1', 'acknowledged', '  looking into it ')
    await changeAlertStatus('a1', 'closed', '   ')
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/alerts/a1')
    expect(init.method).toBe('PATCH')
    expect(JSON.parse(init.body as string)).toEqual({ status: 'acknowledged', note: 'looking into it' })
    expect(JSON.parse(fetchMock.mock.calls[1]![1].body as string)).toEqual({ status: 'closed' })
  })

  it('reads the history as a list or an envelope, oldest first', async () => {
    const late = { timestamp: '2026-11-26T10:05:00Z', user: 'bob', from_status: 'acknowledged', to_status: 'closed' }
    const early = { timestamp: '2026-11-26T10:00:00Z', user: 'ann', from_status: 'open', to_status: 'acknowledged' }
    stubFetch(json([late, early]))
    expect((await alertHistory('a1')).map((e) => e.user)).toEqual(['ann', 'bob'])
    stubFetch(json({ items: [late, early], total: 2, page: 1, size: 50, next: null }))
    expect((await alertHistory('a1')).map((e) => e.user)).toEqual(['ann', 'bob'])
  })

  it('asks /metrics/summary for a host, range and interval, and counts hosts either way', async () => {
    const fetchMock = stubFetch(json({ from: 'x', to: 'y', hosts: 3, series: null }))
    const summary = await metricsSummary({ host: 'web-01', from: 'now-1h', interval: '1m' })
    expect(fetchMock.mock.calls[0]![0]).toBe('/metrics/summary?host=web-01&from=now-1h&interval=1m')
    expect(summary.series).toEqual([])
    expect(hostCount(summary)).toBe(3)
    expect(hostCount({ hosts: ['a', 'b'] })).toBe(2)
  })

  it('reads rules with their alert and hit counts, busiest first', async () => {
    stubFetch(
      json({
        items: [
          {
            id: 'quiet',
            title: 'Quiet',
            kind: 'single',
            severity: 'LOW',
            tags: [],
            enabled: true,
            alert_count: 0,
            hit_count: 0,
          },
          {
            id: 'busy',
            title: 'Busy',
            kind: 'threshold',
            severity: 'HIGH',
            tags: ['t'],
            enabled: true,
            alert_count: 2,
            hit_count: 12,
          },
        ],
        total: 2,
      }),
    )
    const rules = await listRules()
    expect(rules.map((r) => [r.id, r.alerts, r.hits])).toEqual([
      ['busy', 2, 12],
      ['quiet', 0, 0],
    ])
    stubFetch(json([{ id: 'x' }]))
    expect(await listRules()).toEqual([
      {
        id: 'x',
        title: 'x',
        kind: '',
        severity: 'LOW',
        tags: [],
        enabled: true,
        alerts: 0,
        hits: 0,
        description: undefined,
        mode: 'live',
        dormant: undefined,
        logsource: undefined,
        ruleSet: undefined,
        alerts24h: 0,
      },
    ])
  })

  it('never puts the bearer token in a stream URL: a single-use ticket goes there when it is opened', async () => {
    expect(streamUrl('/alerts/stream')).toBe('/alerts/stream')
    expect(logStreamUrl({ severity: ['HIGH'], host: 'web-*' })).toBe('/logs/stream?severity=HIGH&host=web-*')
    const fetchMock = stubFetch(json({ ticket: 'vst_abc', expires_in: 30 }))
    expect(await ticketedStreamUrl('/logs/stream?severity=HIGH', 'p1')).toBe(
      '/logs/stream?severity=HIGH&access_token=vst_abc&last_event_id=p1',
    )
    const [url, init] = fetchMock.mock.calls[0]! as [string, RequestInit]
    expect(`${init.method} ${url}`).toBe('POST /streams/tickets')
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok' })
  })
})

describe('buildUrl', () => {
  it('joins arrays with commas and skips null, undefined and empty values', () => {
    expect(buildUrl('/logs', { severity: ['HIGH', 'CRITICAL'], host: undefined, q: '', kind: null, page: 1 })).toBe(
      '/logs?severity=HIGH%2CCRITICAL&page=1',
    )
  })

  it('returns the bare path without parameters', () => {
    expect(buildUrl('/me')).toBe('/me')
    expect(buildUrl('/logs', { host: '' })).toBe('/logs')
  })
})
