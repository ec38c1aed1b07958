import { createPinia, setActivePinia } from 'pinia'
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

describe('useEventStream', () => {
  beforeEach(async () => {
    vi.useFakeTimers()
    FakeEventSource.instances = []
    vi.stubGlobal('EventSource', FakeEventSource)
    sessionStorage.clear()
    setActivePinia(createPinia())
    await router.replace('/login')
  })
  afterEach(() => vi.useRealTimers())

  it('opens the URL, hands over each item and follows URL changes', async () => {
    const url = ref<string | null>('/logs/stream?access_token=t')
    const items: unknown[] = []
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(url, { event: 'log', onItem: (i) => items.push(i) }))!
    const first = FakeEventSource.instances[0]!
    expect(first.url).toBe('/logs/stream?access_token=t')
    expect(stream.status.value).toBe('connecting')
    first.open()
    expect(stream.status.value).toBe('open')
    first.send('log', { id: 'a' })
    first.send('message', { id: 'b' })
    first.send('heartbeat', '')
    first.send('log', 'not json')
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }])
    expect(stream.received.value).toBe(2)

    url.value = '/logs/stream?access_token=t&severity=HIGH'
    await nextTick()
    expect(first.closed).toBe(true)
    expect(FakeEventSource.instances[1]!.url).toContain('severity=HIGH')

    url.value = null
    await nextTick()
    expect(FakeEventSource.instances[1]!.closed).toBe(true)
    expect(stream.status.value).toBe('idle')
    scope.stop()
  })

  it('lets EventSource retry a dropped connection by itself', () => {
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {} }))!
    FakeEventSource.instances[0]!.fail(FakeEventSource.CONNECTING)
    expect(stream.status.value).toBe('reconnecting')
    expect(FakeEventSource.instances).toHaveLength(1)
    scope.stop()
  })

  it('after a refusal checks the session: still good → reopens later', async () => {
    useAuthStore().setSession('tok')
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ username: 'a', roles: ['viewer'] })))
    const scope = effectScope()
    scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {}, retryDelay: 1000 }))
    FakeEventSource.instances[0]!.fail(FakeEventSource.CLOSED)
    await vi.advanceTimersByTimeAsync(999)
    expect(FakeEventSource.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(FakeEventSource.instances).toHaveLength(2)
    scope.stop()
  })

  it('after a refusal checks the session: 401 → signed out, sent to login, no retry', async () => {
    useAuthStore().setSession('expired')
    await router.push('/live')
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ status: 401, title: 'Unauthorized' }, 401)))
    const scope = effectScope()
    const stream = scope.run(() => useEventStream(ref('/s'), { event: 'log', onItem: () => {}, retryDelay: 10 }))!
    FakeEventSource.instances[0]!.fail(FakeEventSource.CLOSED)
    await waitFor(() => expect(stream.status.value).toBe('closed'))
    await vi.advanceTimersByTimeAsync(100)
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(useAuthStore().isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    scope.stop()
  })
})
