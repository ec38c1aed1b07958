import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SESSION_KEY, useAuthStore } from './auth'

describe('auth store', () => {
  beforeEach(() => localStorage.clear())

  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts signed out', () => {
    const auth = useAuthStore()
    expect(auth.token).toBeNull()
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.username).toBeNull()
    expect(auth.roles).toEqual([])
  })

  it('keeps the token in sessionStorage only', () => {
    const auth = useAuthStore()
    auth.setSession('tok-1', 900)

    expect(auth.isAuthenticated).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY)!)).toMatchObject({ token: 'tok-1' })
    expect(localStorage.length).toBe(0)
    expect(document.cookie).toBe('')
  })

  it('restores the session after a reload of the tab', () => {
    useAuthStore().setSession('tok-2', 900)

    setActivePinia(createPinia()) // a fresh app, same tab
    const auth = useAuthStore()

    expect(auth.token).toBe('tok-2')
    expect(auth.isAuthenticated).toBe(true)
  })

  it('does not restore an expired session', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-26T10:00:00Z'))
    useAuthStore().setSession('tok-3', 60)

    vi.setSystemTime(new Date('2026-11-26T10:01:01Z'))
    setActivePinia(createPinia())
    const auth = useAuthStore()

    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull()
  })

  it('ends a session whose token has expired', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-26T10:00:00Z'))
    const auth = useAuthStore()
    auth.setSession('tok-4', 60)

    expect(auth.expireIfDue()).toBe(false)
    vi.setSystemTime(new Date('2026-11-26T10:01:00Z'))
    expect(auth.expireIfDue()).toBe(true)
    expect(auth.isAuthenticated).toBe(false)
  })

  it('ignores a corrupt stored session', () => {
    sessionStorage.setItem(SESSION_KEY, '{not json')
    expect(useAuthStore().isAuthenticated).toBe(false)
  })

  it('knows the user and their roles', () => {
    const auth = useAuthStore()
    auth.setSession('tok-5')
    auth.setUser({ username: 'alice', roles: ['viewer', 'analyst'], hosts: [] })

    expect(auth.username).toBe('alice')
    expect(auth.hasRole('analyst')).toBe(true)
    expect(auth.hasRole('admin')).toBe(false)
    expect(auth.canTriage).toBe(true)
  })

  it('only analysts and admins may triage alerts; host limits come from /me', () => {
    const auth = useAuthStore()
    auth.setSession('tok')
    auth.setUser({ username: 'val', roles: ['viewer'], hosts: ['web-*'] })
    expect(auth.canTriage).toBe(false)
    expect(auth.hosts).toEqual(['web-*'])
    auth.setUser({ username: 'root', roles: ['admin'], hosts: [] })
    expect(auth.canTriage).toBe(true)
    expect(auth.hosts).toEqual([])
  })

  it('logout() forgets token, user and the stored session', () => {
    const auth = useAuthStore()
    auth.setSession('tok-6', 900)
    auth.setUser({ username: 'alice', roles: ['admin'], hosts: [] })

    auth.logout()

    expect(auth.token).toBeNull()
    expect(auth.user).toBeNull()
    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull()
  })
})
