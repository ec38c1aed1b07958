import { onScopeDispose, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'
import { listLogs, type LogQuery } from '@/api/logs'
import type { LogItem, Page } from '@/api/types'

/**
 * One page of logs with its loading and error state. A new load() cancels the one in
 * flight, so a slow answer never overwrites a newer one.
 */
export function useLogs() {
  const result = shallowRef<Page<LogItem> | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let inFlight: AbortController | null = null

  async function load(query: LogQuery): Promise<void> {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    loading.value = true
    error.value = null
    try {
      result.value = await listLogs(query, controller.signal)
    } catch (e) {
      if (controller.signal.aborted) return
      error.value = e instanceof ApiError ? e.userMessage : String(e)
    } finally {
      if (inFlight === controller) {
        loading.value = false
        inFlight = null
      }
    }
  }

  onScopeDispose(() => inFlight?.abort())

  return { result, loading, error, load }
}
