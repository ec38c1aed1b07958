// The one HTTP client of the dashboard: every API call goes through request().
// It adds the bearer token, turns error answers into ApiError, and on 401 ends the
// session and sends the user to the login page.
import { START_LOCATION, type RouteLocationNormalizedLoaded } from 'vue-router'
import { router } from '@/router'
import { useAuthStore } from '@/stores/auth'
import type { ProblemDetails, StreamTicket } from './types'

/** An API error answer (problem+json) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string | undefined
  readonly problem: ProblemDetails | undefined

  constructor(status: number, title: string, detail?: string, problem?: ProblemDetails) {
    super(detail ? `${title}: ${detail}` : title)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.detail = detail
    this.problem = problem
  }

  /** What to show a user: the detail when the server gave one, else the title. */
  get userMessage(): string {
    return this.detail || this.title
  }
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | readonly QueryValue[]>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Empty, null and undefined values are left out; arrays become comma lists. */
  query?: Query
  /** Sent as JSON. */
  body?: unknown
  signal?: AbortSignal
  /**
   * false for calls that need no session (POST /login): no token is sent, and a 401
   * is simply an error for the caller (wrong password), not an expired session.
   */
  auth?: boolean
}

/** Builds `path?query`, leaving out empty values. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, raw] of Object.entries(query)) {
    const values = (Array.isArray(raw) ? raw : [raw]) as readonly QueryValue[]
    const present = values.filter((v) => v !== undefined && v !== null && v !== '')
    if (present.length > 0) params.set(key, present.map(String).join(','))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal, auth: needsAuth = true } = options
  const store = useAuthStore()
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (needsAuth && store.token) headers.Authorization = `Bearer ${store.token}`

  let response: Response
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'Network error', 'The Vigil API could not be reached.')
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && needsAuth) await endSession()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
}

/**
 * The URL of a Server-Sent Events endpoint with its filters, without any credential: EventSource
 * cannot send headers, so `useEventStream` adds a single-use ticket to it each time it connects
 * (see `ticketedStreamUrl`).
 */
export function streamUrl(path: string, query?: Query): string {
  return buildUrl(path, query)
}

/** `POST /streams/tickets`: a single-use ticket (valid 30 s) for opening one stream. */
export async function streamTicket(): Promise<string> {
  const answer = await request<StreamTicket>('/streams/tickets', { method: 'POST' })
  return answer.ticket
}

/**
 * The stream URL to open now: a fresh ticket in `?access_token=` (never the session's bearer
 * token, which would end up in proxy logs) and, on a reconnect, where the last one ended
 * (`last_event_id`, as EventSource's own Last-Event-ID header would have said).
 */
export async function ticketedStreamUrl(url: string, lastEventId?: string): Promise<string> {
  const ticket = await streamTicket()
  const extra = new URLSearchParams({ access_token: ticket })
  if (lastEventId) extra.set('last_event_id', lastEventId)
  return `${url}${url.includes('?') ? '&' : '?'}${extra.toString()}`
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallbackTitle = response.statusText || `HTTP ${response.status}`
  const type = response.headers.get('Content-Type') ?? ''
  if (/[/+]json\b/i.test(type)) {
    try {
      const problem = (await response.json()) as ProblemDetails
      if (problem && typeof problem === 'object') {
        return new ApiError(
          typeof problem.status === 'number' ? problem.status : response.status,
          problem.title || fallbackTitle,
          problem.detail || undefined,
          problem,
        )
      }
    } catch {
      // Not valid JSON after all: fall through to the plain error.
    }
  }
  return new ApiError(response.status, fallbackTitle)
}

/** The token was refused (expired, revoked, secret rotated): log out, go to login. */
async function endSession(): Promise<void> {
  useAuthStore().logout()
  const current = router.currentRoute.value
  if (current.name === 'login') return
  await router.push({ name: 'login', query: { redirect: whereTheUserIs(current) } })
}

/**
 * The in-app path to come back to after login. A request can be refused while the first
 * navigation is still under way (a page opened with an expired token): the router then still
 * sits at its start location, so the address bar says where the user was going.
 */
function whereTheUserIs(current: RouteLocationNormalizedLoaded): string {
  if (current !== START_LOCATION) return current.fullPath
  const base = router.options.history.base
  const path = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '/'
  return (path.startsWith('/') ? path : '/' + path) + window.location.search
}
