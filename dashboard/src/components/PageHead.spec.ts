import { h } from 'vue'
import { describe, expect, it } from 'vitest'
import { mount } from '@/test-mount'
import PageHead from './PageHead.vue'

describe('PageHead', () => {
  it('shows the title, the subtitle text and the page controls', () => {
    const el = mount(PageHead, { title: 'Search', subtitle: 'Newest first.' }, { default: () => h('button', 'Go') })
    expect(el.querySelector('.page__head h1.page__title')?.textContent).toBe('Search')
    expect(el.querySelector('.page__subtitle')?.textContent).toBe('Newest first.')
    expect(el.querySelector('.page__head > button')?.textContent).toBe('Go')
  })

  it('takes a subtitle of its own markup in place of the text', () => {
    const el = mount(
      PageHead,
      { title: 'Log' },
      { subtitle: () => h('p', { class: 'page__subtitle mono', 'data-testid': 'log-id' }, 'e1') },
    )
    expect(el.querySelector('[data-testid="log-id"]')?.textContent).toBe('e1')
    expect(el.querySelectorAll('.page__subtitle')).toHaveLength(1)
  })

  it('has no subtitle line without one', () => {
    const el = mount(PageHead, { title: 'Rules' })
    expect(el.querySelector('.page__subtitle')).toBeNull()
  })
})
