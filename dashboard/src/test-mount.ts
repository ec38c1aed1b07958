// Mounts one component in jsdom for its spec: `createApp` with a render function, as
// @vue/test-utils would (which needs Node 22; see the README). Unmounted after each test.
import { createApp, h, type Component, type Plugin, type VNodeChild } from 'vue'
import { afterEach } from 'vitest'

const mounted: Array<() => void> = []

afterEach(() => {
  while (mounted.length) mounted.pop()!()
})

/**
 * The component rendered with these props (listeners as `onX`) and slots, in a detached element;
 * `plugins` (a router, for RouterLink) are installed in its app first.
 */
export function mount(
  component: Component,
  props: Record<string, unknown> = {},
  slots: Record<string, () => VNodeChild> = {},
  plugins: Plugin[] = [],
) {
  const el = document.createElement('div')
  const app = createApp({ render: () => h(component, props, slots) })
  for (const plugin of plugins) app.use(plugin)
  app.mount(el)
  mounted.push(() => app.unmount())
  return el
}
