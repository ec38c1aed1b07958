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

  it('takes a subtitle of its own markup in place of the text, in the same line', () => {
    const el = mount(
      PageHead,
      { title: 'Rules', subtitleTestid: 'rules-summary' },
      { subtitle: () => ['3 rules · ', h('span', { 'data-testid': 'rules-shadow-count' }, '1 shadow')] },
    )
    const line = el.querySelector('p.page__subtitle[data-testid="rules-summary"]')!
    expect(line.textContent).toBe('3 rules · 1 shadow')
    expect(line.querySelector('[data-testid="rules-shadow-count"]')?.textContent).toBe('1 shadow')
    expect(el.querySelectorAll('.page__subtitle')).toHaveLength(1)
  })

  it('names the subtitle text with its test id', () => {
    const el = mount(PageHead, { title: 'Log', subtitle: 'e1', subtitleTestid: 'log-id' })
    expect(el.querySelector('p.page__subtitle[data-testid="log-id"]')?.textContent).toBe('e1')
  })

  it('has no subtitle line without one', () => {
    const el = mount(PageHead, { title: 'Rules' })
    expect(el.querySelector('.page__subtitle')).toBeNull()
  })
})
