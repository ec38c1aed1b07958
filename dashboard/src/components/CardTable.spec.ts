import { h } from 'vue'
import { describe, expect, it } from 'vitest'
import { mount } from '@/test-mount'
import CardTable from './CardTable.vue'

const columns = [{ label: 'Rule' }, { label: 'Hits', class: 'num', title: 'Times fired' }]

describe('CardTable', () => {
  it('heads the rows with the columns, under a caption for screen readers', () => {
    const el = mount(
      CardTable,
      { caption: 'Loaded rules', columns, testid: 'rules' },
      { default: () => h('tr', { 'data-testid': 'rule-row' }, [h('td', 'ssh'), h('td', '3')]) },
    )
    const table = el.querySelector('table.table.table--cards[data-testid="rules-table"]')!
    expect(table.querySelector('caption.visually-hidden')?.textContent?.trim()).toBe('Loaded rules')
    const heads = [...table.querySelectorAll<HTMLElement>('thead th')]
    expect(heads.map((th) => th.textContent?.trim())).toEqual(['Rule', 'Hits'])
    expect(heads.every((th) => th.getAttribute('scope') === 'col')).toBe(true)
    expect(heads[0]!.className).toBe('')
    expect(heads[1]!.className).toBe('num')
    expect(heads[1]!.title).toBe('Times fired')
    expect(table.querySelectorAll('tbody [data-testid="rule-row"]')).toHaveLength(1)
    expect(table.querySelector('.table__empty')).toBeNull()
  })

  it('fills a row across every column while empty', () => {
    const el = mount(
      CardTable,
      { caption: 'Loaded rules', columns, testid: 'rules', empty: true },
      { empty: () => 'No rules loaded.' },
    )
    const cell = el.querySelector<HTMLTableCellElement>('tbody tr.table__empty td[data-testid="rules-empty"]')!
    expect(cell.colSpan).toBe(2)
    expect(cell.textContent).toBe('No rules loaded.')
  })
})
