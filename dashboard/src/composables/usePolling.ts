import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter } from 'vue'

export interface PollingOptions {
  /** Poll only while true (an auto-refresh switch); the first run happens regardless when `immediate`. */
  enabled?: MaybeRefOrGetter<boolean>
  /** Run once right away (default true). */
  immediate?: boolean
}

/**
 * Calls `task` every `intervalMs` while enabled: the next run is scheduled when the previous
 * one has finished (never two at once), and nothing runs while the tab is hidden — a hidden tab
 * catches up as soon as it is shown again. `refresh()` runs now and restarts the clock.
 */
export function usePolling(
  task: () => Promise<unknown> | unknown,
  intervalMs: MaybeRefOrGetter<number>,
  options: PollingOptions = {},
) {
  const running = ref(false)
  const lastRun = ref<number | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let disposed = false
  let dueWhileHidden = false

  const enabled = () => toValue(options.enabled ?? true)

  function clear(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }

  function schedule(): void {
    clear()
    if (disposed || !enabled()) return
    timer = setTimeout(tick, toValue(intervalMs))
  }

  function tick(): void {
    timer = null
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
      dueWhileHidden = true
      return
    }
    void refresh()
  }

  async function refresh(): Promise<void> {
    clear()
    if (running.value) return
    running.value = true
    try {
      await task()
    } catch {
      // The task shows its own errors; polling goes on.
    } finally {
      running.value = false
      lastRun.value = Date.now()
      schedule()
    }
  }

  function onVisibility(): void {
    if (document.visibilityState === 'visible' && dueWhileHidden) {
      dueWhileHidden = false
      void refresh()
    }
  }

  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility)
  watch(enabled, (on) => (on ? schedule() : clear()))
  watch(
    () => toValue(intervalMs),
    () => schedule(),
  )

  if (options.immediate ?? true) void refresh()
  else schedule()

  onScopeDispose(() => {
    disposed = true
    clear()
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility)
  })

  return { running, lastRun, refresh }
}
