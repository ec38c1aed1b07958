import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue'
import { me } from '@/api/auth'
import { ApiError } from '@/api/http'

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface EventStreamOptions<T> {
  /** The SSE event name the server sends items as (`log`, `alert`); unnamed `message`s are read too. */
  event: string
  onItem: (item: T) => void
  /** Wait before reconnecting after the server refused or ended the stream (ms). */
  retryDelay?: number
}

/**
 * A Server-Sent Events subscription that follows a reactive URL: a new URL (other filters, a
 * new token) closes the old EventSource and opens a new one; null closes it. EventSource
 * reconnects by itself after a dropped connection; when the server refuses outright (the
 * stream is CLOSED, e.g. 401 — EventSource cannot show the status) the session is checked
 * through the HTTP client, whose 401 handling sends the user to the login page, and otherwise
 * the stream is reopened after `retryDelay`.
 */
export function useEventStream<T>(url: WatchSource<string | null>, options: EventStreamOptions<T>) {
  const status: Ref<StreamStatus> = ref('idle')
  const received = ref(0)
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let currentUrl: string | null = null
  const retryDelay = options.retryDelay ?? 3000

  function handle(event: MessageEvent<string>): void {
    if (!event.data) return
    let item: T
    try {
      item = JSON.parse(event.data) as T
    } catch {
      return // a comment or heartbeat with text: not an item
    }
    received.value++
    options.onItem(item)
  }

  function close(): void {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    source?.close()
    source = null
  }

  function open(target: string | null): void {
    close()
    currentUrl = target
    if (!target) {
      status.value = 'idle'
      return
    }
    status.value = 'connecting'
    const es = new EventSource(target)
    source = es
    es.addEventListener('open', () => {
      if (source === es) status.value = 'open'
    })
    es.addEventListener(options.event, handle as EventListener)
    es.addEventListener('message', handle as EventListener)
    es.addEventListener('error', () => {
      if (source !== es) return
      if (es.readyState === EventSource.CONNECTING) {
        status.value = 'reconnecting' // EventSource retries on its own
        return
      }
      // Refused (401, 503 ...) or ended: find out whether the session is still good.
      es.close()
      source = null
      status.value = 'reconnecting'
      void checkSessionThenRetry(target)
    })
  }

  async function checkSessionThenRetry(target: string): Promise<void> {
    try {
      await me()
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        status.value = 'closed' // the HTTP client has ended the session
        return
      }
    }
    if (currentUrl !== target) return
    retryTimer = setTimeout(() => {
      if (currentUrl === target) open(target)
    }, retryDelay)
  }

  watch(url, (target) => open(target), { immediate: true })
  onScopeDispose(() => {
    currentUrl = null
    close()
  })

  return {
    status,
    /** Items received since the composable was created. */
    received,
    /** Closes the stream for good (until the URL changes). */
    stop: () => {
      currentUrl = null
      close()
      status.value = 'idle'
    },
  }
}
