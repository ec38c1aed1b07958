import { h } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@/test-mount'
import HostField from './HostField.vue'
import SearchField from './SearchField.vue'

function input(el: HTMLElement): HTMLInputElement {
  return el.querySelector('input')!
}

describe('SearchField', () => {
  it('is a labelled search box whose other attributes go to the input', () => {
    const el = mount(SearchField, {
      id: 'rules-filter',
      label: 'Filter',
      modelValue: 'ssh',
      placeholder: 'id, title, tag…',
      'data-testid': 'rules-filter',
    })
    const label = el.querySelector('label.field')!
    expect(label.getAttribute('for')).toBe('rules-filter')
    expect(label.querySelector('.field__label')?.textContent).toBe('Filter')
    expect(label.hasAttribute('data-testid')).toBe(false)
    expect(input(el).id).toBe('rules-filter')
    expect(input(el).type).toBe('search')
    expect(input(el).getAttribute('autocomplete')).toBe('off')
    expect(input(el).placeholder).toBe('id, title, tag…')
    expect(input(el).dataset.testid).toBe('rules-filter')
    expect(input(el).value).toBe('ssh')
  })

  it('reports what is typed', () => {
    const typed = vi.fn()
    const el = mount(SearchField, { id: 'q', label: 'Text', modelValue: '', 'onUpdate:modelValue': typed })
    input(el).value = 'root'
    input(el).dispatchEvent(new Event('input'))
    expect(typed).toHaveBeenCalledWith('root')
  })

  it('puts its slot after the input, inside the label', () => {
    const el = mount(
      SearchField,
      { id: 'h', label: 'Host', modelValue: '' },
      { default: () => h('datalist', { id: 'l' }) },
    )
    expect(el.querySelector('label > input + datalist#l')).not.toBeNull()
  })
})

describe('HostField', () => {
  it('asks for a host name or glob, without spell checking', () => {
    const el = mount(HostField, { id: 'search-host', modelValue: 'web-*', 'data-testid': 'search-host' })
    expect(el.querySelector('.field__label')?.textContent).toBe('Host')
    expect(input(el).id).toBe('search-host')
    expect(input(el).placeholder).toBe('web-01 or web-*')
    expect(input(el).getAttribute('spellcheck')).toBe('false')
    expect(input(el).dataset.testid).toBe('search-host')
    expect(input(el).value).toBe('web-*')
  })
})
