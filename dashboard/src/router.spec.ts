import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { router, safeRedirect } from './router'
import { useAuthStore } from './stores/auth'

describe('router', () => {
  beforeEach(async () => {
    sessionStorage.clear()
    setActivePinia(createPinia())
    await router.replace('/login')
  })

  it('sends a signed-out user to the login page, remembering where they were going', async () => {
    await router.push('/logs?host=db-1')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/logs?host=db-1')
  })

  it('lets a signed-in user through, and / leads to the logs', async () => {
    useAuthStore().setSession('tok')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('logs')
  })

  it('takes a signed-in user away from the login page', async () => {
    useAuthStore().setSession('tok')
    await router.push('/logs?page=2')
    await router.push({ name: 'login', query: { redirect: '/logs?page=3' } })
    expect(router.currentRoute.value.fullPath).toBe('/logs?page=3')
  })

  it('only redirects to paths inside the app', () => {
    expect(safeRedirect('/logs?host=a')).toBe('/logs?host=a')
    expect(safeRedirect('//evil.example/x')).toEqual({ name: 'logs' })
    expect(safeRedirect('https://evil.example')).toEqual({ name: 'logs' })
    expect(safeRedirect(undefined)).toEqual({ name: 'logs' })
  })
})
