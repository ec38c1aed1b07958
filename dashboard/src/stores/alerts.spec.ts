import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '@/api/types'
import { useAlertsStore } from './alerts'
import { useAuthStore } from './auth'

/** vi.waitFor with room for a busy machine (its default gives up after 1 s). */
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 8000, interval: 20 })

const alert = (id: string, status: Alert['status'] = 'open'): Alert => ({
  id,
  rule_id: 'ssh-brute-force',
  title: 'SSH brute force',
  severity: 'CRITICAL',
  tags: [],
  host: 'bastion-01',
  group_key: 'bastion-01',
  first_seen: '2026-11-26T10:00:00Z',
  last_seen: '2026-11-26T10:01:00Z',
  count: 6,
  status,
  event_ids: [],
})

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('alerts store', () => {
  beforeEach(() => useAuthStore().setSession('tok'))

  it('loads a page and remembers its alerts', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(json({ items: [alert('a1'), alert('a2')], total: 2, page: 1, size: 25, next: null })),
    )
    const store = useAlertsStore()
    await store.load({ size: 25 })
    expect(store.page?.total).toBe(2)
    expect(store.known.get('a2')?.host).toBe('bastion-01')
    expect(await store.find('a1')).toMatchObject({ id: 'a1' })
    expect(fetch).toHaveBeenCalledTimes(1) // found without a request
  })

  it('a status change replaces the alert in the list and refreshes the critical count', async () => {
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (init.method === 'PATCH') return json(alert('a1', 'acknowledged'))
      if (url.startsWith('/alerts?severity=CRITICAL&status=open'))
        return json({ items: [], total: 0, page: 1, size: 1, next: null })
      return json({ items: [alert('a1'), alert('a2')], total: 2, page: 1, size: 25, next: null })
    })
    vi.stubGlobal('fetch', fetchMock)
    const store = useAlertsStore()
    await store.load({})

    const updated = await store.changeStatus('a1', 'acknowledged', 'on it')

    expect(updated.status).toBe('acknowledged')
    expect(store.page?.items.map((a) => a.status)).toEqual(['acknowledged', 'open'])
    expect(store.known.get('a1')?.status).toBe('acknowledged')
    await waitFor(() => expect(store.openCritical).toBe(0))
  })

  it('keeps the error message of a failed load', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        new Response(JSON.stringify({ status: 400, title: 'Bad Request', detail: 'unknown severity: X' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      ),
    )
    const store = useAlertsStore()
    await store.load({})
    expect(store.error).toBe('unknown severity: X')
  })

  it('find() asks the API for an alert it has not seen, and answers null when it cannot', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(json(alert('zz')))
        .mockResolvedValueOnce(json({ status: 404, title: 'Not Found' }, 404)),
    )
    const store = useAlertsStore()
    expect(await store.find('zz')).toMatchObject({ id: 'zz' })
    expect(await store.find('gone')).toBeNull()
  })
})
