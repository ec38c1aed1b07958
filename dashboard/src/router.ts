import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Shown in the browser tab. */
    title?: string
  }
}

export const router = createRouter({
  // '/ui/': vite's `base`, where the query service serves the dashboard.
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: { name: 'logs' } },
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { public: true, title: 'Sign in' },
    },
    {
      path: '/logs',
      name: 'logs',
      component: () => import('@/views/LogsView.vue'),
      meta: { title: 'Logs' },
    },
    { path: '/:unknown(.*)*', redirect: { name: 'logs' } },
  ],
})

router.beforeEach((to): RouteLocationRaw | undefined => {
  const auth = useAuthStore()
  auth.expireIfDue()
  if (!to.meta.public && !auth.isAuthenticated) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (to.name === 'login' && auth.isAuthenticated) {
    return safeRedirect(to.query.redirect)
  }
  return undefined
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Vigil` : 'Vigil'
})

/** Where to go after login: an in-app path from `?redirect=`, else the logs page. */
export function safeRedirect(redirect: unknown): RouteLocationRaw {
  if (typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//')) {
    const resolved = router.resolve(redirect)
    if (resolved.matched.length > 0 && resolved.name !== 'login') return resolved.fullPath
  }
  return { name: 'logs' }
}
