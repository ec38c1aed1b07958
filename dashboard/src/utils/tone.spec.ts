import { describe, expect, it } from 'vitest'
import { toneClass } from './tone'

describe('toneClass', () => {
  it("names each severity's tone", () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map(toneClass)).toEqual([
      'tone--critical',
      'tone--high',
      'tone--medium',
      'tone--low',
    ])
  })

  it('reads a severity in any case, and paints one it does not know as LOW', () => {
    expect(toneClass('High')).toBe('tone--high')
    expect(toneClass('INFO')).toBe('tone--low')
    expect(toneClass('')).toBe('tone--low')
  })
})
