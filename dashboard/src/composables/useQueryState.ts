import { reactive, shallowRef, type Ref } from 'vue'
import { onBeforeRouteUpdate, useRoute, useRouter, type LocationQuery } from 'vue-router'

/** The names of a state's text fields. */
export type TextField<S> = { [K in keyof S]: S[K] extends string ? K : never }[keyof S]

export interface QueryStateOptions<S, F extends TextField<S>> {
  /** The page's route name. */
  route: string
  /** The state a URL's query describes (utils/routeQuery reads its parts). */
  fromQuery: (query: LocationQuery) => S
  /** The query that describes a state, defaults left out so that links stay short. */
  toQuery: (state: S) => Record<string, string>
  /**
   * The text fields the page's form edits before it is submitted: `form` holds what is typed,
   * refilled with every state shown, and `applyForm` navigates to it, trimmed.
   */
  form?: readonly F[]
  /** Puts a state on screen: loads the list. */
  show: (state: S) => void
}

/**
 * A paged list page whose state lives in the URL, so reload, back and shared links keep it.
 * `show` runs at once and whenever the query changes (a change of path alone, as selecting an
 * alert, leaves the list as it is). `navigate` goes to page 1 unless the change names a page, and
 * when the URL would stay the same it shows the state again, so the same search reloads.
 */
export function useQueryState<S extends { page: number }, F extends TextField<S> = never>(
  options: QueryStateOptions<S, F>,
) {
  const route = useRoute()
  const router = useRouter()
  const fields = options.form ?? []
  const state: Ref<S> = shallowRef(options.fromQuery(route.query))
  const form = reactive(Object.fromEntries(fields.map((field) => [field, '']))) as Record<F, string>

  function show(next: S): void {
    state.value = next
    for (const field of fields) form[field] = next[field] as string
    options.show(next)
  }

  show(state.value)
  onBeforeRouteUpdate((to, from) => {
    if (to.name !== options.route) return
    if (JSON.stringify(to.query) !== JSON.stringify(from.query)) show(options.fromQuery(to.query))
  })

  function navigate(change: Partial<S>): void {
    const next: S = { ...state.value, page: 1, ...change }
    const query = options.toQuery(next)
    if (JSON.stringify(query) === JSON.stringify(options.toQuery(state.value))) show(next)
    else void router.push({ name: options.route, params: route.params, query })
  }

  function applyForm(): void {
    const typed: Partial<S> = {}
    for (const field of fields) typed[field] = form[field].trim() as S[F]
    navigate(typed)
  }

  return { state, navigate, form, applyForm }
}
