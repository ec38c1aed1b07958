import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue'
import { ApiError, ticketedStreamUrl } from '@/api/http'

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface EventStreamOptions<T> {
  /** The SSE event name the server sends items as (`log`, `alert`); unnamed `message`s are read too. */
  event: string
  onItem: (item: T) => void
  /** Wait before reconnecting after the stream failed or ended (ms). */
  retryDelay?: number
}

/**
 * A Server-Sent Events subscription that follows a reactive URL (the stream's path and filters):
 * a new URL closes the old EventSource and opens a new one; null closes it.
 *
 * Each connection is opened with a fresh single-use ticket (`POST /streams/tickets`): EventSource
 * cannot send the bearer token as a header, and a token in a URL would end up in logs. For the
 * same reason EventSource's own reconnect (same URL, spent ticket) cannot work: after any error
 * the stream is closed and, after `retryDelay`, opened again with a new ticket and the id of the
 * last event received (`last_event_id`), so nothing is missed in between. Asking for the ticket
 * goes through the HTTP client, whose 401 handling ends the session and sends the user to the
 * login page; the stream then stays closed.
 */
export function useEventStream<T>(url: WatchSource<string | null>, options: EventStreamOptions<T>) {
  const status: Ref<StreamStatus> = ref('idle')
  const received = ref(0)
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let currentUrl: string | null = null
  let lastEventId: string | undefined
  const retryDelay = options.retryDelay ?? 3000

  function handle(event: MessageEvent<string>): void {
    if (event.lastEventId) lastEventId = event.lastEventId
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

  /** Opens `target` (unless it changed meanwhile) with a new ticket. */
  async function connect(target: string): Promise<void> {
    let withTicket: string
    try {
      withTicket = await ticketedStreamUrl(target, lastEventId)
    } catch (e) {
      if (currentUrl !== target) return
      if (e instanceof ApiError && e.status === 401) {
        status.value = 'closed' // the HTTP client has ended the session
        return
      }
      retryLater(target)
      return
    }
    if (currentUrl !== target) return
    const es = new EventSource(withTicket)
    source = es
    es.addEventListener('open', () => {
      if (source === es) status.value = 'open'
    })
    es.addEventListener(options.event, handle as EventListener)
    es.addEventListener('message', handle as EventListener)
    es.addEventListener('error', () => {
      if (source !== es) return
      // Dropped, refused or ended: EventSource would retry with the spent ticket; start over.
      es.close()
      source = null
      retryLater(target)
    })
  }

  function retryLater(target: string): void {
    status.value = 'reconnecting'
    retryTimer = setTimeout(() => {
      retryTimer = null
      if (currentUrl === target) void connect(target)
    }, retryDelay)
  }

  function open(target: string | null): void {
    close()
    currentUrl = target
    lastEventId = undefined // other filters: another stream, not a resumption
    if (!target) {
      status.value = 'idle'
      return
    }
    status.value = 'connecting'
    void connect(target)
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
