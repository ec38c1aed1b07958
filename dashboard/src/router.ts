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
    { path: '/', redirect: { name: 'overview' } },
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { public: true, title: 'Sign in' },
    },
    {
      path: '/overview',
      name: 'overview',
      component: () => import('@/views/OverviewView.vue'),
      meta: { title: 'Overview' },
    },
    {
      path: '/live',
      name: 'live',
      component: () => import('@/views/LiveView.vue'),
      meta: { title: 'Live logs' },
    },
    {
      path: '/search',
      name: 'search',
      component: () => import('@/views/SearchView.vue'),
      meta: { title: 'Search' },
    },
    // The skeleton's list of logs became the search page; old links keep their filters.
    { path: '/logs', name: 'logs', redirect: (to) => ({ name: 'search', query: to.query }) },
    {
      path: '/logs/:id',
      name: 'log',
      component: () => import('@/views/LogDetailView.vue'),
      meta: { title: 'Log' },
    },
    {
      path: '/alerts/:id?',
      name: 'alerts',
      component: () => import('@/views/AlertsView.vue'),
      meta: { title: 'Alerts' },
    },
    {
      path: '/metrics',
      name: 'metrics',
      component: () => import('@/views/MetricsView.vue'),
      meta: { title: 'Metrics' },
    },
    {
      path: '/rules',
      name: 'rules',
      component: () => import('@/views/RulesView.vue'),
      meta: { title: 'Rules' },
    },
    { path: '/:unknown(.*)*', redirect: { name: 'overview' } },
  ],
  scrollBehavior(to, from, saved) {
    if (saved) return saved
    // Filters and paging on the same page keep the scroll position; a new page starts at the top.
    return to.name === from.name ? false : { top: 0 }
  },
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

/** Where to go after login: an in-app path from `?redirect=`, else the overview. */
export function safeRedirect(redirect: unknown): RouteLocationRaw {
  if (typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//')) {
    const resolved = router.resolve(redirect)
    if (resolved.matched.length > 0 && resolved.name !== 'login') return resolved.fullPath
  }
  return { name: 'overview' }
}
