import { SEVERITIES } from '@/api/types'

/**
 * The class that paints an element in a severity's colours: main.css's `tone--<severity>` sets
 * --tone-fg, --tone-bg and --tone-edge from the palette, for the badge, the filter chips and the
 * count tiles alike. A severity the dashboard does not know is painted as LOW.
 */
export function toneClass(severity: string): string {
  const known = SEVERITIES.find((s) => s === severity.toUpperCase()) ?? 'LOW'
  return `tone--${known.toLowerCase()}`
}
