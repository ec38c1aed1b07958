// The live tail: the rows shown, the ones held back while paused, and the filters.
// The stream itself (EventSource) lives in the view's useEventStream; this store only decides
// what is kept, so it is the part worth unit-testing.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LogFilter } from '@/api/logs'
import { SEVERITIES, type LogItem, type Severity } from '@/api/types'

/** Rows kept in memory (and in the DOM); older ones drop off the bottom. */
export const LIVE_ROW_CAP = 500

export const useLiveTailStore = defineStore('liveTail', () => {
  /** Newest first. */
  const rows = shallowRef<LogItem[]>([])
  /** Arrived while paused, newest first; shown on resume. */
  const pending = shallowRef<LogItem[]>([])
  const paused = ref(false)
  /** Rows dropped because of the cap since the last clear. */
  const dropped = ref(0)
  const severities = ref<Severity[]>([...SEVERITIES])
  const host = ref('')
  const cap = ref(LIVE_ROW_CAP)
  const ids = new Set<string>()

  /** What the stream and the backfill ask the API for; all four severities is no filter at all. */
  const filter = computed<LogFilter>(() => ({
    host: host.value.trim() || undefined,
    severity: severities.value.length === SEVERITIES.length ? undefined : [...severities.value],
  }))

  function capped(list: LogItem[]): LogItem[] {
    if (list.length <= cap.value) return list
    for (const gone of list.slice(cap.value)) ids.delete(gone.id)
    dropped.value += list.length - cap.value
    return list.slice(0, cap.value)
  }

  /** New items from the stream, oldest first (arrival order): they go on top, or wait while paused. */
  function receive(...items: LogItem[]): void {
    const fresh = items.filter((item) => item && typeof item.id === 'string' && !ids.has(item.id))
    if (fresh.length === 0) return
    for (const item of fresh) ids.add(item.id)
    const newestFirst = [...fresh].reverse()
    if (paused.value) pending.value = capped([...newestFirst, ...pending.value])
    else rows.value = capped([...newestFirst, ...rows.value])
  }

  /** Older items (a `GET /logs` page, newest first) below what is shown: the start of the tail. */
  function backfill(items: LogItem[]): void {
    const older = items.filter((item) => !ids.has(item.id))
    for (const item of older) ids.add(item.id)
    rows.value = capped([...rows.value, ...older])
  }

  function pause(): void {
    paused.value = true
  }

  function resume(): void {
    paused.value = false
    if (pending.value.length) {
      rows.value = capped([...pending.value, ...rows.value])
      pending.value = []
    }
  }

  function clear(): void {
    rows.value = []
    pending.value = []
    dropped.value = 0
    ids.clear()
  }

  /** Turns one severity on or off; the last one stays on (an empty filter would show nothing). */
  function toggleSeverity(severity: Severity): void {
    const on = severities.value.includes(severity)
    if (on && severities.value.length === 1) return
    const next = on ? severities.value.filter((s) => s !== severity) : [...severities.value, severity]
    severities.value = SEVERITIES.filter((s) => next.includes(s))
    clear()
  }

  function setSeverities(list: readonly Severity[]): void {
    const next = SEVERITIES.filter((s) => list.includes(s))
    severities.value = next.length ? next : [...SEVERITIES]
    clear()
  }

  function setHost(value: string): void {
    if (value.trim() === host.value.trim()) return
    host.value = value.trim()
    clear()
  }

  return {
    rows,
    pending,
    paused,
    dropped,
    severities,
    host,
    cap,
    filter,
    receive,
    backfill,
    pause,
    resume,
    clear,
    toggleSeverity,
    setSeverities,
    setHost,
  }
})
