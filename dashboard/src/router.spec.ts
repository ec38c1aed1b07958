import { beforeEach, describe, expect, it } from 'vitest'
import { router, safeRedirect } from './router'
import { useAuthStore } from './stores/auth'

describe('router', () => {
  beforeEach(async () => {
    await router.replace('/login')
  })

  it('sends a signed-out user to the login page, remembering where they were going', async () => {
    await router.push('/search?host=db-1')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/search?host=db-1')
  })

  it('lets a signed-in user through, and / leads to the overview', async () => {
    useAuthStore().setSession('tok')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('overview')
  })

  it('takes a signed-in user away from the login page', async () => {
    useAuthStore().setSession('tok')
    await router.push('/search?page=2')
    await router.push({ name: 'login', query: { redirect: '/search?page=3' } })
    expect(router.currentRoute.value.fullPath).toBe('/search?page=3')
  })

  it("keeps the skeleton's /logs links working: they open the search with their filters", async () => {
    useAuthStore().setSession('tok')
    await router.push('/logs?host=web-*&page=2')
    expect(router.currentRoute.value.name).toBe('search')
    expect(router.currentRoute.value.query).toEqual({ host: 'web-*', page: '2' })
  })

  it('has a route for every page, alerts with an optional id', () => {
    for (const name of ['overview', 'live', 'search', 'alerts', 'metrics', 'rules']) {
      expect(router.hasRoute(name)).toBe(true)
    }
    expect(router.resolve('/alerts/a-1').params.id).toBe('a-1')
    expect(router.resolve('/logs/threat-logs-0-42').name).toBe('log')
  })

  it('only redirects to paths inside the app', () => {
    expect(safeRedirect('/search?host=a')).toBe('/search?host=a')
    expect(safeRedirect('//evil.example/x')).toEqual({ name: 'overview' })
    expect(safeRedirect('https://evil.example')).toEqual({ name: 'overview' })
    expect(safeRedirect(undefined)).toEqual({ name: 'overview' })
  })
})
