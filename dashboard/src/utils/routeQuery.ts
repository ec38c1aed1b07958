// Reading a list page's filters from its URL (`?severity=HIGH,CRITICAL&host=web-*&page=2`).
// Anything unreadable falls back to "no filter", so a hand-edited link still opens the page.
import type { LocationQuery } from 'vue-router'
import { SEVERITIES, type Severity } from '@/api/types'

type QueryValue = LocationQuery[string] | undefined

/** The first value of a query parameter, trimmed; empty when absent. */
export function queryText(value: QueryValue): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v.trim() : ''
}

/** The allowed values named in a comma list, in the order of `allowed`. */
export function queryList<T extends string>(value: QueryValue, allowed: readonly T[]): T[] {
  const named = queryText(value).split(',')
  return allowed.filter((a) => named.includes(a))
}

/** The severities named in a comma list; all of them when it names none. */
export function querySeverities(value: QueryValue): Severity[] {
  const named = queryList(value, SEVERITIES)
  return named.length ? named : [...SEVERITIES]
}

/** A 1-based page number; 1 when absent or not a positive whole number. */
export function queryPage(value: QueryValue): number {
  const page = Number(queryText(value) || 1)
  return Number.isInteger(page) && page > 0 ? page : 1
}
