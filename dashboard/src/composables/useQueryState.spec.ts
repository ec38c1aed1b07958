import { defineComponent, nextTick } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type LocationQuery } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { mount } from '@/test-mount'
import { queryPage, queryText } from '@/utils/routeQuery'
import { useQueryState } from './useQueryState'

interface ListState {
  host: string
  page: number
}

const fromQuery = (q: LocationQuery): ListState => ({ host: queryText(q.host), page: queryPage(q.page) })
function toQuery(s: ListState): Record<string, string> {
  const query: Record<string, string> = {}
  if (s.host) query.host = s.host
  if (s.page > 1) query.page = String(s.page)
  return query
}

/** A list page at `path` (in a RouterView, as the guard needs), and what it was asked to show. */
async function listPage(path: string) {
  const shown: ListState[] = []
  let page!: ReturnType<typeof useQueryState<ListState, 'host'>>
  const Page = defineComponent({
    setup() {
      page = useQueryState({ route: 'list', fromQuery, toQuery, form: ['host'], show: (s) => shown.push(s) })
      return () => null
    },
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/list/:id?', name: 'list', component: Page }],
  })
  await router.push(path)
  await router.isReady()
  mount(RouterView, {}, {}, [router])
  return {
    router,
    shown,
    navigate: (change: Partial<ListState>) => page.navigate(change),
    form: () => page.form,
    applyForm: () => page.applyForm(),
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve))

describe('useQueryState', () => {
  it('shows the state of the URL at once', async () => {
    const { shown } = await listPage('/list?host=web-*&page=3')
    expect(shown).toEqual([{ host: 'web-*', page: 3 }])
  })

  it('puts a change in the URL, back on page 1, and shows it', async () => {
    const { router, shown, navigate } = await listPage('/list?host=web-*&page=3')
    navigate({ host: 'db-01' })
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/list?host=db-01')
    expect(shown.at(-1)).toEqual({ host: 'db-01', page: 1 })
  })

  it('keeps the path, as a selected item, when the filters change', async () => {
    const { router, navigate } = await listPage('/list/a1?host=web-*')
    navigate({ page: 2 })
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/list/a1?host=web-*&page=2')
  })

  it('shows the same state again when the URL would not change', async () => {
    const { router, shown, navigate } = await listPage('/list?host=web-*')
    navigate({ host: 'web-*' })
    await nextTick()
    expect(shown).toEqual([
      { host: 'web-*', page: 1 },
      { host: 'web-*', page: 1 },
    ])
    expect(router.currentRoute.value.fullPath).toBe('/list?host=web-*')
  })

  it('fills the form with every state shown, and applies what is typed, trimmed', async () => {
    const { router, shown, form, applyForm } = await listPage('/list?host=web-*&page=3')
    expect(form().host).toBe('web-*')
    form().host = '  db-01 '
    applyForm()
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/list?host=db-01')
    expect(shown.at(-1)).toEqual({ host: 'db-01', page: 1 })
    await router.push('/list?host=mail-*')
    await settle()
    expect(form().host).toBe('mail-*')
  })

  it('leaves the list as it is when only the path changes', async () => {
    const { router, shown } = await listPage('/list?host=web-*')
    await router.push('/list/a1?host=web-*')
    await settle()
    expect(shown).toHaveLength(1)
  })
})
