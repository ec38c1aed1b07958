// The whole app mounted in jsdom, with fetch answering as the query service would.
// Browser end-to-end tests (real Chromium, real service) come later; these catch wiring slips.
import { createPinia, setActivePinia } from 'pinia'
import { createApp, nextTick, type App as VueApp } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.vue'
import type { LogItem, Page } from './api/types'
import { router } from './router'
import { useAuthStore } from './stores/auth'

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
  threats: [{ rule_id: 'ssh-brute-force', title: 'SSH brute force', severity: 'CRITICAL', tags: [] }],
}

function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** A tiny query service: one user, 120 logs, 401 for a wrong password. */
function fakeApi() {
  const calls: string[] = []
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`)
    const { pathname, searchParams } = new URL(url, 'http://localhost')
    if (pathname === '/login') {
      const { password } = JSON.parse(init.body as string) as { password: string }
      return password === 'right'
        ? json({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 })
        : json({ status: 401, title: 'Unauthorized', detail: 'Bad credentials' }, 401)
    }
    if (pathname === '/me') return json({ username: 'alice', roles: ['viewer'] })
    if (pathname === '/logs') {
      const page = Number(searchParams.get('page') ?? 1)
      const size = Number(searchParams.get('size') ?? 50)
      const body: Page<LogItem> = { items: [metric, event], total: 120, page, size, next: null }
      return json(body)
    }
    return json({ status: 404, title: 'Not Found' }, 404)
  })
  vi.stubGlobal('fetch', fetchMock)
  return calls
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)

function type(id: string, value: string) {
  const input = byTestId(id) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

describe('dashboard', () => {
  let app: VueApp | undefined

  beforeEach(async () => {
    sessionStorage.clear()
    document.body.innerHTML = '<div id="app"></div>'
    const pinia = createPinia()
    setActivePinia(pinia)
    await router.replace('/login')
    app = createApp(App).use(pinia).use(router)
  })

  afterEach(() => app?.unmount())

  it('shows an error for a wrong password and signs in with the right one', async () => {
    const calls = fakeApi()
    app!.mount('#app')
    await vi.waitFor(() => expect(byTestId('login-form')).not.toBeNull())

    type('login-username', 'alice')
    type('login-password', 'wrong')
    await nextTick()
    byTestId('login-submit')!.click()
    await vi.waitFor(() =>
      expect(byTestId('login-error')?.textContent).toContain('Invalid username or password'),
    )
    expect(router.currentRoute.value.name).toBe('login')

    type('login-password', 'right')
    await nextTick()
    byTestId('login-submit')!.click()
    // The logs view is a lazily loaded chunk: wait for it rather than for a fixed time.
    await vi.waitFor(() => expect(byTestId('logs-table')).not.toBeNull())

    expect(router.currentRoute.value.name).toBe('logs')
    await vi.waitFor(() => expect(byTestId('current-user')?.textContent).toContain('alice'))
    expect(calls).toContain('GET /logs?page=1&size=50')
  })

  it('lists logs with severity badges, metric summaries and paging', async () => {
    const calls = fakeApi()
    useAuthStore().setSession('tok', 3600)
    await router.push('/logs')
    app!.mount('#app')
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="log-row"]')).toHaveLength(2))

    const rows = document.querySelectorAll('[data-testid="log-row"]')
    expect(rows[0]!.textContent).toContain('CPU 93.5% · Mem 87.5%')
    expect(rows[1]!.textContent).toContain('Failed password for root')
    expect(rows[1]!.textContent).toContain('SSH brute force')
    expect(rows[1]!.querySelector('.severity--critical')?.textContent).toBe('CRITICAL')
    expect(byTestId('logs-total')?.textContent).toMatch(/1–2 of\s+120 logs · page 1 of 3/)
    expect((byTestId('logs-prev') as HTMLButtonElement).disabled).toBe(true)

    byTestId('logs-next')!.click()
    await vi.waitFor(() => expect(calls).toContain('GET /logs?page=2&size=50'))
    expect(router.currentRoute.value.fullPath).toBe('/logs?page=2')

    type('logs-host-filter', 'web-*')
    byTestId('logs-filter-apply')!.click()
    await vi.waitFor(() => expect(calls).toContain('GET /logs?host=web-*&page=1&size=50'))
    expect(router.currentRoute.value.query).toEqual({ host: 'web-*' })
  })

  it('logs out from the header', async () => {
    fakeApi()
    useAuthStore().setSession('tok', 3600)
    await router.push('/logs')
    app!.mount('#app')
    await vi.waitFor(() => expect(byTestId('logout')).not.toBeNull())

    byTestId('logout')!.click()
    await vi.waitFor(() => expect(byTestId('login-form')).not.toBeNull())

    expect(useAuthStore().isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
  })
})
