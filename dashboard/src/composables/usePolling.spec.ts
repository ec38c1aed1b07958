import { effectScope, nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { usePolling } from './usePolling'

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs now, then every interval after the previous run finished', async () => {
    const task = vi.fn().mockResolvedValue(undefined)
    const scope = effectScope()
    scope.run(() => usePolling(task, 1000))
    expect(task).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(999)
    expect(task).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(task).toHaveBeenCalledTimes(2)
    scope.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(task).toHaveBeenCalledTimes(2)
  })

  it('never runs twice at once, and goes on after a failure', async () => {
    let finish: () => void = () => {}
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const scope = effectScope()
    const polling = scope.run(() => usePolling(task, 100))!
    await vi.advanceTimersByTimeAsync(1000)
    expect(task).toHaveBeenCalledTimes(1) // still running
    void polling.refresh()
    expect(task).toHaveBeenCalledTimes(1)
    finish()
    await vi.advanceTimersByTimeAsync(100)
    expect(task).toHaveBeenCalledTimes(2)

    task.mockImplementation(() => Promise.reject(new Error('down')))
    finish()
    await vi.advanceTimersByTimeAsync(100)
    await vi.advanceTimersByTimeAsync(100)
    expect(task.mock.calls.length).toBeGreaterThanOrEqual(4)
    scope.stop()
  })

  it('follows its enabled switch', async () => {
    const task = vi.fn()
    const enabled = ref(false)
    const scope = effectScope()
    scope.run(() => usePolling(task, 1000, { enabled }))
    expect(task).toHaveBeenCalledTimes(1) // the first load happens regardless
    await vi.advanceTimersByTimeAsync(3000)
    expect(task).toHaveBeenCalledTimes(1)
    enabled.value = true
    await nextTick()
    await vi.advanceTimersByTimeAsync(1000)
    expect(task).toHaveBeenCalledTimes(2)
    scope.stop()
  })

  it('skips ticks while the tab is hidden and catches up when it is shown', async () => {
    const task = vi.fn()
    let state: DocumentVisibilityState = 'hidden'
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state)
    const scope = effectScope()
    scope.run(() => usePolling(task, 1000, { immediate: false }))
    await vi.advanceTimersByTimeAsync(5000)
    expect(task).not.toHaveBeenCalled()
    state = 'visible'
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(task).toHaveBeenCalledTimes(1)
    scope.stop()
  })
})
