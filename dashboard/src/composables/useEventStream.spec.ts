import { effectScope, nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { router } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { useEventStream } from './useEventStream'

/** vi.waitFor with room for a busy machine (its default gives up after 1 s). */
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 8000, interval: 20 })

/** Enough of EventSource to drive the composable: the test plays the server. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static instances: FakeEventSource[] = []
  readyState = FakeEventSource.CONNECTING
  closed = false
  constructor(readonly url: string) {
    super()
    FakeEventSource.instances.push(this)
  }
  open() {
    this.readyState = FakeEventSource.OPEN
    this.dispatchEvent(new Event('open'))
  }
  send(event: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(event, { data: typeof data === 'string' ? data : JSON.stringify(data) }))
  }
  fail(readyState: number) {
    this.readyState = readyState
    this.dispatchEvent(new Event('error'))
  }
  close() {
    this.closed = true
    this.readyState = FakeEventSource.CLOSED
  }
}

function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** The query service's ticket endpoint: ticket-1, ticket-2, ... (or the given answer). */
function ticketServer(answer?: () => Response) {
  let n = 0
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    expect(`${init.method} ${url}`).toBe('POST /streams/tickets')
    return answer ? answer() : json({ ticket: `ticket-${++n}`, expires_in: 30 })
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

describe('useEventStream', () => {
  beforeEach(async () => {
    vi.useFakeTimers()
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
    useAuthStore().setSession('bearer-secret')
    await router.replace('/login')
  })
  afterEach(() => vi.useRealTimers())

  it('opens the URL with a fresh ticket, hands over each item and follows URL changes', async () => {
    const fetchMock = ticketServer()
    const url = ref<string | null>('/logs/stream')
    const items: unknown[] = []
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(url, { event: 'log', onItem: (i) => items.push(i) }))!
    expect(stream.status.value).toBe('connecting')
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const first = FakeEventSource.instances[0]!
    expect(first.url).toBe('/logs/stream?access_token=ticket-1')
    expect(first.url).not.toContain('bearer-secret')
    expect((fetchMock.mock.calls[0]![1] as RequestInit).headers).toMatchObject({
      Authorization: 'Bearer bearer-secret',
    })
    first.open()
    expect(stream.status.value).toBe('open')
    first.send('log', { id: 'a' })
    first.send('message', { id: 'b' })
    first.send('heartbeat', '')
    first.send('log', 'not json')
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }])
    expect(stream.received.value).toBe(2)

    url.value = '/logs/stream?severity=HIGH'
    await nextTick()
    expect(first.closed).toBe(true)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2))
    expect(FakeEventSource.instances[1]!.url).toBe('/logs/stream?severity=HIGH&access_token=ticket-2')

    url.value = null
    await nextTick()
    expect(FakeEventSource.instances[1]!.closed).toBe(true)
    expect(stream.status.value).toBe('idle')
    scope.stop()
  })

  it('after a dropped connection reopens with a new ticket, resuming after the last event', async () => {
    ticketServer()
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {}, retryDelay: 1000 }))!
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    const first = FakeEventSource.instances[0]!
    first.open()
    first.dispatchEvent(new MessageEvent('log', { data: '{"id":"x"}', lastEventId: 'pos-7' }))
    first.fail(FakeEventSource.CONNECTING)
    expect(first.closed).toBe(true) // its own retry would reuse the spent ticket
    expect(stream.status.value).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(999)
    expect(FakeEventSource.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2))
    expect(FakeEventSource.instances[1]!.url).toBe('/s?access_token=ticket-2&last_event_id=pos-7')
    scope.stop()
  })

  it('a refused ticket (401) ends the session and the stream: signed out, sent to login, no retry', async () => {
    useAuthStore().setSession('expired')
    await router.push('/live')
    ticketServer(() => json({ status: 401, title: 'Unauthorized' }, 401))
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {}, retryDelay: 10 }))!
    await waitFor(() => expect(stream.status.value).toBe('closed'))
    await vi.advanceTimersByTimeAsync(100)
    expect(FakeEventSource.instances).toHaveLength(0)
    expect(useAuthStore().isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    scope.stop()
  })

  it('retries later when the ticket cannot be had for another reason', async () => {
    let calls = 0
    ticketServer(() =>
      ++calls === 1 ? json({ status: 503, title: 'Service Unavailable' }, 503) : json({ ticket: 't2', expires_in: 30 }),
    )
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {}, retryDelay: 500 }))!
    await waitFor(() => expect(stream.status.value).toBe('reconnecting'))
    await vi.advanceTimersByTimeAsync(500)
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1))
    expect(FakeEventSource.instances[0]!.url).toBe('/s?access_token=t2')
    scope.stop()
  })
})
