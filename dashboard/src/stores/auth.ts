// The session: the bearer token and who it belongs to.
// The token lives in sessionStorage only (the spec: a session ends with the browser tab),
// never in localStorage or a cookie. This store does no HTTP itself, so the HTTP client
// can use it without an import cycle.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CurrentUser, Role } from '@/api/types'

export const SESSION_KEY = 'vigil.session'

interface StoredSession {
  token: string
  /** Epoch millis, or null when the server gave no lifetime. */
  expiresAt: number | null
}

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<StoredSession>
    if (typeof parsed.token !== 'string' || !parsed.token) return null
    const expiresAt = typeof parsed.expiresAt === 'number' ? parsed.expiresAt : null
    if (expiresAt !== null && expiresAt <= Date.now()) return null
    return { token: parsed.token, expiresAt }
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const stored = readStored()
  if (!stored) sessionStorage.removeItem(SESSION_KEY)

  const token = ref<string | null>(stored?.token ?? null)
  const expiresAt = ref<number | null>(stored?.expiresAt ?? null)
  const user = ref<CurrentUser | null>(null)

  const isAuthenticated = computed(() => token.value !== null)
  const username = computed(() => user.value?.username ?? null)
  const roles = computed<Role[]>(() => user.value?.roles ?? [])
  /** Host globs the user is limited to; empty: every host. */
  const hosts = computed<string[]>(() => user.value?.hosts ?? [])
  /** Analysts and admins may acknowledge, close and reopen alerts; viewers only read. */
  const canTriage = computed(() => roles.value.includes('analyst') || roles.value.includes('admin'))

  /** Starts a session from a `POST /login` answer. */
  function setSession(accessToken: string, expiresInSeconds?: number): void {
    token.value = accessToken
    expiresAt.value =
      typeof expiresInSeconds === 'number' && expiresInSeconds > 0 ? Date.now() + expiresInSeconds * 1000 : null
    user.value = null
    const session: StoredSession = { token: accessToken, expiresAt: expiresAt.value }
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  }

  function setUser(current: CurrentUser): void {
    user.value = current
  }

  function hasRole(role: Role): boolean {
    return roles.value.includes(role)
  }

  /** Ends the session if its token has expired; true when it did. */
  function expireIfDue(now: number = Date.now()): boolean {
    if (token.value !== null && expiresAt.value !== null && expiresAt.value <= now) {
      logout()
      return true
    }
    return false
  }

  function logout(): void {
    token.value = null
    expiresAt.value = null
    user.value = null
    sessionStorage.removeItem(SESSION_KEY)
  }

  return {
    token,
    expiresAt,
    user,
    isAuthenticated,
    username,
    roles,
    hosts,
    canTriage,
    setSession,
    setUser,
    hasRole,
    expireIfDue,
    logout,
  }
})
