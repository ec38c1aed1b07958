import { onScopeDispose, ref, shallowRef } from 'vue'
import { ApiError } from '@/api/http'

/**
 * The latest answer of an API function with its loading and error state. A new load()
 * cancels the one in flight, so a slow answer never overwrites a newer one; with `keep`
 * (the default) the previous data stays on screen while the next loads.
 */
export function useRequest<Q, T>(fetcher: (query: Q, signal: AbortSignal) => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  /** HTTP status of the last error (0: network), for "not found" views. */
  const errorStatus = ref<number | null>(null)
  let inFlight: AbortController | null = null

  async function load(query: Q, keep = true): Promise<T | null> {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    loading.value = true
    error.value = null
    errorStatus.value = null
    if (!keep) data.value = null
    try {
      const answer = await fetcher(query, controller.signal)
      if (controller.signal.aborted) return null
      data.value = answer
      return answer
    } catch (e) {
      if (controller.signal.aborted) return null
      error.value = e instanceof ApiError ? e.userMessage : String(e)
      errorStatus.value = e instanceof ApiError ? e.status : null
      return null
    } finally {
      if (inFlight === controller) {
        loading.value = false
        inFlight = null
      }
    }
  }

  onScopeDispose(() => inFlight?.abort())

  return { data, loading, error, errorStatus, load }
}
