// The whole app mounted in jsdom, with fetch (and EventSource) answering as the query service
// would. The real browser against the real stack is the Playwright suite (e2e/); these catch
// wiring slips in seconds.
import { createPinia, setActivePinia } from 'pinia'
import { createApp, nextTick, type App as VueApp } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.vue'
import type { Alert, LogItem, Page, Role } from './api/types'
import { router } from './router'
import { useAuthStore } from './stores/auth'

/** vi.waitFor with room for a busy machine (its default gives up after 1 s). */
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 8000, interval: 20 })

const metric: LogItem = {
  id: 'm1',
  timestamp: '2026-11-26T10:00:00Z',
  host: 'web-01',
  severity: 'LOW',
  kind: 'metric',
  topic: 'system-metrics',
  message: null,
  cpu_usage: 93.5,
  memory_usage: { used: 7516192768, total: 8589934592, percentage: 87.5 },
}
const event: LogItem = {
  id: 'e1',
  timestamp: '2026-11-26T09:59:00Z',
  host: 'web-01',
  severity: 'CRITICAL',
  kind: 'event',
  topic: 'threat-logs',
  message: 'Failed password for root from 10.0.0.9 port 4242 ssh2',
  source: { ip: '10.0.0.9', port: 4242 },
  threats: [{ rule_id: 'ssh-brute-force', title: 'SSH brute force', severity: 'CRITICAL', tags: [] }],
}
const bruteForce: Alert = {
  id: 'a1',
  rule_id: 'ssh-brute-force',
  title: 'SSH brute force',
  severity: 'CRITICAL',
  tags: ['attack.credential_access'],
  host: 'bastion-01',
  hosts: ['bastion-01', 'web-03'],
  group_key: 'bastion-01/203.0.113.77',
  first_seen: '2026-11-26T09:58:00Z',
  last_seen: '2026-11-26T09:59:00Z',
  count: 6,
  status: 'open',
  event_ids: ['e1'],
}

function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

function page<T>(items: T[], total: number, searchParams: URLSearchParams): Page<T> {
  return {
    items,
    total,
    page: Number(searchParams.get('page') ?? 1),
    size: Number(searchParams.get('size') ?? 50),
    next: null,
  }
}

/**
 * A tiny query service: one user with the given role, 120 logs, one alert. The first
 * `unsearchableLookups` lookups by id find nothing, as for events not yet refreshed into search.
 */
function fakeApi(role: Role = 'analyst', unsearchableLookups = 0) {
  let idLookups = 0
  const calls: string[] = []
  const bodies: unknown[] = []
  let alert = { ...bruteForce }
  const history: unknown[] = []
  let tickets = 0
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`)
    const { pathname, searchParams } = new URL(url, 'http://localhost')
    if (pathname === '/login') {
      const { password } = JSON.parse(init.body as string) as { password: string }
      return password === 'right'
        ? json({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 })
        : json({ status: 401, title: 'Unauthorized', detail: 'Bad credentials' }, 401)
    }
    if (pathname === '/me') return json({ username: 'alice', roles: [role], hosts: [] })
    if (pathname === '/streams/tickets' && init.method === 'POST')
      return json({ ticket: `t${++tickets}`, expires_in: 30 })
    if (pathname === '/logs' && searchParams.has('ids')) {
      const ids = searchParams.get('ids')!.split(',')
      const searchable = ++idLookups > unsearchableLookups
      const items = [metric, event].filter((log) => searchable && ids.includes(log.id))
      return json(page(items, items.length, searchParams))
    }
    if (pathname === '/logs') return json(page([metric, event], 120, searchParams))
    if (pathname === '/logs/e1') return json(event)
    if (pathname === '/alerts') return json(page([alert], 1, searchParams))
    if (pathname === '/alerts/a1' && init.method === 'PATCH') {
      const body = JSON.parse(init.body as string) as { status: Alert['status']; note?: string }
      bodies.push(body)
      history.push({
        timestamp: '2026-11-26T10:00:00Z',
        user: 'alice',
        from_status: alert.status,
        to_status: body.status,
        note: body.note,
      })
      alert = { ...alert, status: body.status }
      return json(alert)
    }
    if (pathname === '/alerts/a1/history') return json(history)
    if (pathname === '/rules' && init.method === 'GET') {
      return json({
        items: [
          {
            id: 'ssh-brute-force',
            title: 'SSH brute force',
            kind: 'count',
            severity: 'HIGH',
            tags: [],
            enabled: true,
            mode: 'live',
            rule_set: 'c751e228cb05f00d',
            alert_count: 4,
            hit_count: 30,
            alerts_24h: 2,
          },
          {
            id: 'noisy',
            title: 'Noisy candidate',
            kind: 'match',
            severity: 'MEDIUM',
            tags: [],
            enabled: true,
            mode: 'shadow',
            rule_set: 'c751e228cb05f00d',
            alert_count: 40,
            hit_count: 40,
            alerts_24h: 37,
          },
          {
            id: 'win-1',
            title: 'Windows thing',
            kind: 'match',
            severity: 'HIGH',
            tags: [],
            enabled: true,
            mode: 'live',
            logsource: 'product=windows category=process_creation',
            dormant: 'Vigil has no Windows event log input',
            rule_set: 'c751e228cb05f00d',
            alert_count: 0,
            hit_count: 0,
            alerts_24h: 0,
          },
        ],
        total: 3,
      })
    }
    if (pathname === '/rules/deploy' && init.method === 'POST') {
      return json({
        ok: true,
        exit_code: 0,
        output: 'deployed rule set c751e228cb05: job b replaced a; detection paused 4.3 s',
      })
    }
    return json({ status: 404, title: 'Not Found' }, 404)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, bodies }
}

/** EventSource as the app sees it; the test plays the server through `sources`. */
const sources: Array<EventTarget & { url: string }> = []
class FakeEventSource extends EventTarget {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 2
  readyState = 0
  constructor(readonly url: string) {
    super()
    sources.push(this)
  }
  close() {}
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const allByTestId = (id: string) => document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)

function type(id: string, value: string) {
  const input = byTestId(id) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

describe('dashboard', () => {
  let app: VueApp | undefined

  beforeEach(async () => {
    sources.length = 0
    vi.stubGlobal('EventSource', FakeEventSource)
    document.body.innerHTML = '<div id="app"></div>'
    const pinia = createPinia()
    setActivePinia(pinia)
    await router.replace('/login')
    app = createApp(App).use(pinia).use(router)
  })

  afterEach(() => app?.unmount())

  async function signedInAt(path: string, role: Role = 'analyst', unsearchableLookups = 0) {
    const api = fakeApi(role, unsearchableLookups)
    useAuthStore().setSession('tok', 3600)
    await router.push(path)
    app!.mount('#app')
    return api
  }

  it('shows an error for a wrong password, signs in with the right one and lands on the overview', async () => {
    const { calls } = fakeApi()
    app!.mount('#app')
    await waitFor(() => expect(byTestId('login-form')).not.toBeNull())

    type('login-username', 'alice')
    type('login-password', 'wrong')
    await nextTick()
    byTestId('login-submit')!.click()
    await waitFor(() => expect(byTestId('login-error')?.textContent).toContain('Invalid username or password'))
    expect(router.currentRoute.value.name).toBe('login')

    type('login-password', 'right')
    await nextTick()
    byTestId('login-submit')!.click()
    await waitFor(() => expect(byTestId('overview-severities')).not.toBeNull())

    expect(router.currentRoute.value.name).toBe('overview')
    await waitFor(() => expect(byTestId('current-user')?.textContent).toContain('alice'))
    await waitFor(() => expect(byTestId('count-CRITICAL')?.textContent).toContain('120'))
    expect(calls).toContain('GET /logs?severity=CRITICAL&from=now-24h&size=1')
    expect(byTestId('overview-open-critical')?.textContent).toContain('SSH brute force')
    expect(byTestId('overview-top-hosts')?.textContent).toContain('bastion-01')
    expect(byTestId('overview-top-rules')?.textContent).toContain('SSH brute force')
    await waitFor(() => expect(byTestId('nav-critical-count')?.textContent).toContain('1'))
  })

  it("links from the overview with its range, leaving out the linked page's own default", async () => {
    await signedInAt('/overview?range=7d')
    await waitFor(() => expect(byTestId('overview-top-hosts')?.textContent).toContain('bastion-01'))
    expect(byTestId('count-LOW')?.getAttribute('href')).toBe('/search?range=7d&severity=LOW')
    expect(byTestId('overview-top-hosts')?.querySelector('a')?.getAttribute('href')).toBe('/alerts?host=bastion-01')

    await router.push('/overview')
    await waitFor(() => expect(byTestId('count-LOW')?.getAttribute('href')).toBe('/search?severity=LOW'))
    expect(byTestId('overview-top-hosts')?.querySelector('a')?.getAttribute('href')).toBe(
      '/alerts?range=24h&host=bastion-01',
    )
  })

  it('searches with the state in the URL: badges, metric summaries, paging, filters', async () => {
    const { calls } = await signedInAt('/search')
    await waitFor(() => expect(allByTestId('search-row')).toHaveLength(2))

    const rows = allByTestId('search-row')
    expect(rows[0]!.textContent).toContain('CPU 93.5% · Mem 87.5%')
    expect(rows[1]!.textContent).toContain('Failed password for root')
    expect(rows[1]!.textContent).toContain('SSH brute force')
    expect(rows[1]!.querySelector('.severity--critical')?.textContent).toBe('CRITICAL')
    expect(byTestId('search-total')?.textContent).toMatch(/1–2 of\s+120 logs · page 1 of 3/)
    expect((byTestId('search-prev') as HTMLButtonElement).disabled).toBe(true)
    expect(calls).toContain('GET /logs?from=now-24h&page=1&size=50')

    byTestId('search-next')!.click()
    await waitFor(() => expect(calls).toContain('GET /logs?from=now-24h&page=2&size=50'))
    expect(router.currentRoute.value.fullPath).toBe('/search?page=2')

    type('search-host', 'web-*')
    type('search-q', 'failed')
    byTestId('search-submit')!.click()
    await waitFor(() => expect(calls).toContain('GET /logs?host=web-*&q=failed&from=now-24h&page=1&size=50'))
    expect(router.currentRoute.value.query).toEqual({ host: 'web-*', q: 'failed' })

    byTestId('chip-LOW')!.click()
    await waitFor(() => expect(router.currentRoute.value.query.severity).toBe('CRITICAL,HIGH,MEDIUM'))
    await waitFor(() =>
      expect(calls).toContain(
        'GET /logs?host=web-*&q=failed&severity=CRITICAL%2CHIGH%2CMEDIUM&from=now-24h&page=1&size=50',
      ),
    )

    byTestId('range-15m')!.click()
    await waitFor(() => expect(router.currentRoute.value.query.range).toBe('15m'))
  })

  it('shows every field of a log', async () => {
    await signedInAt('/logs/e1')
    await waitFor(() => expect(byTestId('log-detail')).not.toBeNull())
    const fields = Array.from(allByTestId('field-row')).map((r) => r.dataset.field)
    expect(fields).toEqual(expect.arrayContaining(['host', 'message', 'source.ip', 'source.port', 'threats', 'topic']))
    expect(byTestId('log-message')?.textContent).toContain('Failed password')
  })

  it("asks again for an alert's events that are not searchable yet, in one request each time", async () => {
    const { calls } = await signedInAt('/alerts/a1', 'analyst', 1)
    await waitFor(() => expect(byTestId('alert-detail')).not.toBeNull())
    await waitFor(() => expect(allByTestId('alert-event')[0]?.textContent).toContain('loading'))
    await waitFor(() => expect(allByTestId('alert-event')[0]?.textContent).toContain('Failed password'))
    expect(calls.filter((call) => call.startsWith('GET /logs?ids='))).toEqual([
      'GET /logs?ids=e1&size=1',
      'GET /logs?ids=e1&size=1',
    ])
    expect(calls.some((call) => call.startsWith('GET /logs/e1'))).toBe(false)
  })

  it('lets an analyst acknowledge an alert with a note, and shows the history', async () => {
    const { bodies } = await signedInAt('/alerts')
    await waitFor(() => expect(allByTestId('alert-row')).toHaveLength(1))
    expect(allByTestId('alert-row')[0]!.classList.contains('sev-row--critical')).toBe(true)

    ;(byTestId('alert-link') as HTMLAnchorElement).click()
    await waitFor(() => expect(byTestId('alert-detail')).not.toBeNull())
    expect(router.currentRoute.value.params.id).toBe('a1')
    expect(byTestId('alert-detail-hosts')?.textContent).toBe('bastion-01, web-03')
    await waitFor(() => expect(allByTestId('alert-event')[0]?.textContent).toContain('Failed password'))
    expect(byTestId('alert-history-empty')).not.toBeNull()

    await waitFor(() => expect(byTestId('alert-action-acknowledged')).not.toBeNull())
    const note = byTestId('alert-note') as HTMLTextAreaElement
    note.value = 'on it'
    note.dispatchEvent(new Event('input'))
    byTestId('alert-action-acknowledged')!.click()

    await waitFor(() => expect(byTestId('alert-detail-status')?.textContent).toBe('acknowledged'))
    expect(bodies).toEqual([{ status: 'acknowledged', note: 'on it' }])
    expect(allByTestId('alert-row')[0]!.dataset.status).toBe('acknowledged')
    await waitFor(() => expect(byTestId('alert-history-note')?.textContent).toBe('on it'))
    // The list follows the alert stream: an 'alert' event reloads it.
    await waitFor(() => expect(sources.find((s) => s.url.startsWith('/alerts/stream'))).toBeDefined())
    const stream = sources.find((s) => s.url.startsWith('/alerts/stream'))!
    expect(stream.url).toMatch(/^\/alerts\/stream\?from=now-7d&access_token=t\d+$/)
    expect(byTestId('alert-action-closed')).not.toBeNull()
    expect(byTestId('alert-action-open')).not.toBeNull()
  })

  it('hides the status buttons from viewers', async () => {
    await signedInAt('/alerts/a1', 'viewer')
    await waitFor(() => expect(byTestId('alert-detail')).not.toBeNull())
    await waitFor(() => expect(byTestId('alert-readonly')).not.toBeNull())
    expect(byTestId('alert-actions')).toBeNull()
    expect(byTestId('alert-action-acknowledged')).toBeNull()
  })

  it('tails live logs over SSE, with pause and resume', async () => {
    const { calls } = await signedInAt('/live?severity=HIGH,CRITICAL')

    await waitFor(() => expect(sources).toHaveLength(1))
    expect(sources[0]!.url).toMatch(/^\/logs\/stream\?severity=CRITICAL%2CHIGH&access_token=t\d+$/)
    await waitFor(() => expect(calls).toContain('GET /logs?severity=CRITICAL%2CHIGH&size=50'))
    await waitFor(() => expect(allByTestId('live-row')).toHaveLength(2)) // the backfill
    sources[0]!.dispatchEvent(new Event('open'))
    await waitFor(() => expect(byTestId('live-status')?.textContent).toBe('Live'))

    const arriving = (id: string) =>
      sources[0]!.dispatchEvent(new MessageEvent('log', { data: JSON.stringify({ ...event, id, host: 'db-07' }) }))
    arriving('n1')
    await waitFor(() => expect(allByTestId('live-row')[0]?.dataset.logId).toBe('n1'))

    byTestId('live-toggle')!.click()
    await waitFor(() => expect(byTestId('live-status')?.textContent).toBe('Paused'))
    arriving('n2')
    await waitFor(() => expect(byTestId('live-pending')?.textContent).toContain('1 new'))
    expect(allByTestId('live-row')[0]?.dataset.logId).toBe('n1')

    byTestId('live-toggle')!.click()
    await waitFor(() => expect(allByTestId('live-row')[0]?.dataset.logId).toBe('n2'))
    expect(allByTestId('live-row')).toHaveLength(4)

    byTestId('chip-MEDIUM')!.click()
    await waitFor(() => expect(sources).toHaveLength(2))
    expect(sources[1]!.url).toContain('severity=CRITICAL%2CHIGH%2CMEDIUM')
    expect(router.currentRoute.value.query.severity).toBe('CRITICAL,HIGH,MEDIUM')
  })

  it('shows dormant and shadow rules and the deployed rule set; an admin deploys from the page', async () => {
    const { calls } = await signedInAt('/rules', 'admin')
    await waitFor(() => expect(allByTestId('rule-row')).toHaveLength(3))
    const row = (id: string) => document.querySelector<HTMLElement>(`[data-rule-id="${id}"]`)!
    expect(row('win-1').dataset.state).toBe('dormant')
    expect(row('win-1').textContent).toContain('Vigil has no Windows event log input')
    expect(row('noisy').dataset.state).toBe('shadow')
    expect(row('noisy').querySelector('[data-testid="rule-alerts-24h"]')?.textContent).toBe('37')
    expect(byTestId('rules-rule-set')?.textContent).toBe('c751e228cb05')
    expect(byTestId('rules-dormant-count')?.textContent).toContain('1 dormant')
    vi.stubGlobal('confirm', () => true)
    byTestId('rules-deploy')!.click()
    await waitFor(() => expect(byTestId('rules-deploy-outcome')?.textContent).toContain('detection paused 4.3 s'))
    expect(calls).toContain('POST /rules/deploy')
  })

  it('hides the rule actions from analysts', async () => {
    await signedInAt('/rules', 'analyst')
    await waitFor(() => expect(allByTestId('rule-row')).toHaveLength(3))
    expect(byTestId('rules-actions')).toBeNull()
  })

  it('logs out from the header', async () => {
    await signedInAt('/overview')
    await waitFor(() => expect(byTestId('logout')).not.toBeNull())

    byTestId('logout')!.click()
    await waitFor(() => expect(byTestId('login-form')).not.toBeNull())

    expect(useAuthStore().isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
  })
})
