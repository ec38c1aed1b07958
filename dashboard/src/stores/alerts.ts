// Alerts: the list page on screen, every alert seen (so the detail of a listed alert needs no
// request) and status changes, which update the list in place. Also the count of open critical
// alerts that the header shows on every page.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { changeAlertStatus, getAlert, listAlerts, type AlertQuery } from '@/api/alerts'
import { ApiError } from '@/api/http'
import type { Alert, AlertStatus, Page } from '@/api/types'

/** Which status changes the UI offers from each status (the API enforces the same). */
export const NEXT_STATUSES: Record<AlertStatus, AlertStatus[]> = {
  open: ['acknowledged', 'closed'],
  acknowledged: ['closed', 'open'],
  closed: ['open'],
}

export const useAlertsStore = defineStore('alerts', () => {
  const page = shallowRef<Page<Alert> | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const known = shallowRef<Map<string, Alert>>(new Map())
  const openCritical = ref<number | null>(null)
  let inFlight: AbortController | null = null

  function remember(alerts: Alert[]): void {
    const next = new Map(known.value)
    for (const a of alerts) next.set(a.id, a)
    known.value = next
  }

  async function load(query: AlertQuery): Promise<void> {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    loading.value = true
    error.value = null
    try {
      const answer = await listAlerts(query, controller.signal)
      if (controller.signal.aborted) return
      page.value = answer
      remember(answer.items)
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

  /** A known alert, else `GET /alerts/{id}`; null when it cannot be found. */
  async function find(id: string): Promise<Alert | null> {
    const cached = known.value.get(id)
    if (cached) return cached
    try {
      const alert = await getAlert(id)
      if (alert && alert.id) {
        remember([alert])
        return alert
      }
    } catch {
      // Missing, out of scope, or no such endpoint: the view says "not found".
    }
    return null
  }

  /** `PATCH /alerts/{id}`; the answer replaces the alert wherever it is shown. Errors are thrown. */
  async function changeStatus(id: string, status: AlertStatus, note?: string): Promise<Alert> {
    const updated = await changeAlertStatus(id, status, note)
    const alert: Alert = updated && updated.id ? updated : { ...known.value.get(id)!, status }
    remember([alert])
    if (page.value) {
      page.value = { ...page.value, items: page.value.items.map((a) => (a.id === id ? alert : a)) }
    }
    void refreshOpenCritical()
    return alert
  }

  /** The header's badge: how many CRITICAL alerts are open (any time). */
  async function refreshOpenCritical(): Promise<void> {
    try {
      const answer = await listAlerts({ severity: ['CRITICAL'], status: ['open'], size: 1 })
      openCritical.value = answer.total
    } catch {
      openCritical.value = null
    }
  }

  function reset(): void {
    inFlight?.abort()
    page.value = null
    known.value = new Map()
    openCritical.value = null
    error.value = null
  }

  return { page, loading, error, known, openCritical, load, find, changeStatus, refreshOpenCritical, reset }
})
