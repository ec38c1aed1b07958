import { createRouter, createMemoryHistory } from 'vue-router'
import { describe, expect, it } from 'vitest'
import { mount } from '@/test-mount'
import type { Tally } from '@/utils/aggregate'
import RankingCard from './RankingCard.vue'

const ssh: Tally = { key: 'ssh-brute-force', label: 'SSH brute force', alerts: 1234, hits: 5000, severity: 'CRITICAL' }
const bastion: Tally = { key: 'bastion-01', label: 'bastion-01', alerts: 2, hits: 7, severity: 'HIGH' }

const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/', component: { render: () => null } },
    { path: '/alerts', name: 'alerts', component: { render: () => null } },
  ],
})

function mountCard(props: Record<string, unknown>) {
  return mount(RankingCard, props, {}, [router])
}

describe('RankingCard', () => {
  it('links each tally to its alerts, with its severity, alerts and hits', async () => {
    const el = mountCard({
      title: 'Top rules',
      tallies: [ssh, bastion],
      loaded: true,
      none: 'No rule fired.',
      to: (t: Tally) => ({ name: 'alerts', query: { rule_id: t.key } }),
      testid: 'top-rules',
    })
    await router.isReady()
    const card = el.querySelector('section.card[data-testid="top-rules"]')!
    expect(card.querySelector('.card__title')?.textContent).toBe('Top rules')
    const items = [...card.querySelectorAll('ol li')]
    expect(items).toHaveLength(2)
    const link = items[0]!.querySelector('a')!
    expect(link.textContent).toBe('SSH brute force')
    expect(link.getAttribute('href')).toBe('/alerts?rule_id=ssh-brute-force')
    expect(link.title).toBe('ssh-brute-force')
    expect(items[0]!.querySelector('[data-testid="severity-badge"]')?.textContent).toBe('CRITICAL')
    expect(items[0]!.querySelector<HTMLElement>('.ranking__num')?.title).toBe('5000 hits')
    // A host is its own label: no tooltip repeating it.
    expect(items[1]!.querySelector('a')!.hasAttribute('title')).toBe(false)
  })

  it('says there is nothing to rank once loaded, and nothing while loading', () => {
    const props = { title: 'Top hosts', tallies: [], none: 'No alerts in this range.', to: () => '/', testid: 't' }
    expect(mountCard({ ...props, loaded: true }).querySelector('.ranking__none')?.textContent).toBe(
      'No alerts in this range.',
    )
    expect(mountCard({ ...props, loaded: false }).querySelector('.ranking__none')).toBeNull()
  })
})
