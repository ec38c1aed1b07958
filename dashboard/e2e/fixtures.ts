// What the browser scenarios share: one page that walks the app as a user would (a worker fixture,
// so a scenario starts where a user would be, not from a fresh login), the names the Java side
// seeded, its cue endpoint, and per-scenario traces, screenshots and console-error checks.
import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test'

/** The names DashboardBrowserITCase seeded and will produce (VIGIL_E2E, JSON). */
export interface E2eData {
  liveHost: string
  severityHost: string
  pauseHost: string
  noJumpHost: string
  searchHost: string
  searchTotal: number
  searchHigh: number
  metricsHost: string
  bruteForceHost: string
  seededAlertId: string
}

export const DATA = JSON.parse(process.env.VIGIL_E2E ?? '{}') as E2eData
export const USER = process.env.VIGIL_USER ?? 'admin'
export const PASSWORD = process.env.VIGIL_PASSWORD ?? ''
export const WIDE = { width: 1280, height: 900 }
export const NARROW = { width: 390, height: 844 }
const BASE = (process.env.VIGIL_URL ?? 'http://localhost:8080').replace(/\/$/, '')
const SHOTS = resolve(process.env.VIGIL_SCREENSHOTS ?? 'target/screenshots')
const CUES = process.env.VIGIL_E2E_CUES

/** The page and what the scenarios do with it. */
export class App {
  readonly consoleErrors: string[] = []
  private expectingErrors = 0

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      const entry = `${msg.text()} @ ${page.url()}`
      if (this.expectingErrors > 0) console.log(`[e2e] expected console error: ${entry}`)
      else this.consoleErrors.push(entry)
    })
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message} @ ${page.url()}`))
  }

  testId(id: string): Locator {
    return this.page.getByTestId(id)
  }

  rows(testId: string, host: string): Locator {
    return this.page.locator(`[data-testid="${testId}"][data-host="${host}"]`)
  }

  count(selector: string): Promise<number> {
    return this.page.locator(selector).count()
  }

  text(id: string): Promise<string> {
    return this.testId(id).innerText()
  }

  /** Opens a dashboard path, signing in first when the session is gone (the first scenario, a new worker). */
  async open(path: string): Promise<void> {
    await this.page.goto(`${BASE}/ui${path}`)
    const form = this.testId('login-form')
    const signedIn = this.testId('current-user')
    // The router's guard decides on the client: wait until it has shown one or the other.
    await expect(form.or(signedIn).first()).toBeVisible()
    if (await form.isVisible()) {
      await this.login()
      await signedIn.waitFor()
    }
  }

  async openSignedOut(): Promise<void> {
    await this.page.goto(`${BASE}/ui/`)
  }

  async login(): Promise<void> {
    await this.testId('login-username').fill(USER)
    await this.testId('login-password').fill(PASSWORD)
    await this.testId('login-submit').click()
  }

  /** Deliberate failures (a wrong password, an expired token) log "Failed to load resource": expected. */
  async allowingErrors<T>(body: () => Promise<T>): Promise<T> {
    this.expectingErrors++
    try {
      return await body()
    } finally {
      await this.page.waitForTimeout(300)
      this.expectingErrors--
    }
  }

  /** A full-page screenshot in VIGIL_SCREENSHOTS, one per page the README lists. */
  async shot(name: string): Promise<void> {
    const path = join(SHOTS, `${name}.png`)
    await this.page.screenshot({ path, fullPage: true })
  }

  /** A request through the page's own session, as the app would make it (for diagnostics only). */
  api(path: string): Promise<{ status: number; body: unknown }> {
    return this.page.evaluate(async (p) => {
      const session = JSON.parse(sessionStorage.getItem('vigil.session') ?? '{}')
      const r = await fetch(p, { headers: { Authorization: `Bearer ${session.token}` } })
      const json = r.headers.get('content-type')?.includes('json')
      return { status: r.status, body: json ? await r.json() : await r.text() }
    }, path)
  }
}

/**
 * Asks the Java side to produce the records of `step` (POST VIGIL_E2E_CUES/step) and waits until it
 * has sent them. Without a driver (a stack you started yourself) the scenario is skipped, with the reason.
 */
export async function cue(step: string): Promise<void> {
  test.skip(!CUES, `needs DashboardBrowserITCase to produce records (${step})`)
  const answer = await fetch(`${CUES}/${step}`, { method: 'POST', signal: AbortSignal.timeout(60_000) })
  if (!answer.ok) throw new Error(`the driver could not produce ${step}: ${answer.status} ${await answer.text()}`)
}

/**
 * Polls `check` (truthy when satisfied) until it holds or the time is up. For conditions with a side
 * effect between tries (search again) or over several elements; one element's state is `expect(locator)`.
 */
export async function until<T>(check: () => Promise<T>, message: string, timeoutMs = 30_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      last = await check()
      if (last) return last as T
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) {
      const said = last instanceof Error ? last.message : JSON.stringify(last)
      throw new Error(`${message} (waited ${timeoutMs / 1000} s; last: ${said})`)
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

export const test = base.extend<{ app: App }, { workerApp: App }>({
  workerApp: [
    async ({ browser }, use) => {
      mkdirSync(SHOTS, { recursive: true })
      const context = await browser.newContext({
        viewport: WIDE,
        colorScheme: 'light',
        timezoneId: 'UTC',
        locale: 'en-GB',
      })
      context.setDefaultTimeout(20_000)
      await context.tracing.start({ screenshots: true, snapshots: true })
      const app = new App(context, await context.newPage())
      await use(app)
      await context.close()
    },
    { scope: 'worker' },
  ],
  // Each scenario: its own trace chunk (kept when it fails, with a screenshot), and no console errors.
  app: [
    async ({ workerApp }, use, testInfo) => {
      workerApp.consoleErrors.length = 0
      await workerApp.context.tracing.startChunk({ title: testInfo.title })
      await use(workerApp)
      if (testInfo.status !== testInfo.expectedStatus) {
        const trace = testInfo.outputPath('trace.zip')
        await workerApp.context.tracing.stopChunk({ path: trace })
        await testInfo.attach('trace', { path: trace, contentType: 'application/zip' }) // a copy: drop ours
        await rm(trace, { force: true })
        await workerApp.shot(`failed-${testInfo.title}`).catch(() => {})
        return
      }
      await workerApp.context.tracing.stopChunk()
      expect(workerApp.consoleErrors, 'console errors during the scenario').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
