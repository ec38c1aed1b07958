#!/usr/bin/env node
// The dashboard in a real browser against a real Vigil stack: Playwright (playwright-core)
// driving Debian's Chromium. Run by local-stack's DashboardBrowserITCase inside `./vigil test`,
// which starts the stack, seeds what cannot come from Kafka yet and produces logs on cue.
//
// Environment:
//   VIGIL_URL          the query service, e.g. http://localhost:8080 (the dashboard is at /ui/)
//   VIGIL_USER         a user with the analyst or admin role (default admin)
//   VIGIL_PASSWORD     its password
//   VIGIL_SCREENSHOTS  where to write one PNG per page (default ./target/screenshots)
//   VIGIL_CHROMIUM     the browser (default /usr/bin/chromium); never downloaded
//   VIGIL_E2E          JSON with the names the Java side seeded and will produce:
//                      {liveHost, severityHost, pauseHost, noJumpHost, searchHost, searchTotal, searchHigh,
//                       metricsHost, bruteForceHost, seededAlertId}
//
// Protocol with the driver, one line each on stdout (everything else is log):
//   @@ READY <step>                  the page is ready: produce that step's records now;
//                                    the driver answers `DONE <step>` on stdin when they are sent
//   @@ RESULT <scenario> PASS|FAIL|PENDING <message>
//   @@ END <failed count>
// Standalone (no driver): set VIGIL_E2E_NO_DRIVER=1 and the READY steps are skipped.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium } from 'playwright-core'

const BASE = (process.env.VIGIL_URL ?? 'http://localhost:8080').replace(/\/$/, '')
const USER = process.env.VIGIL_USER ?? 'admin'
const PASSWORD = process.env.VIGIL_PASSWORD ?? ''
const SHOTS = resolve(process.env.VIGIL_SCREENSHOTS ?? 'target/screenshots')
const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium'
const DATA = JSON.parse(process.env.VIGIL_E2E ?? '{}')
const NO_DRIVER = process.env.VIGIL_E2E_NO_DRIVER === '1'
const WIDE = { width: 1280, height: 900 }
const NARROW = { width: 390, height: 844 }

mkdirSync(SHOTS, { recursive: true })

// ---------------------------------------------------------------- driver protocol
const done = new Map()
const waiting = new Map()
createInterface({ input: process.stdin }).on('line', (line) => {
  const [word, step] = line.trim().split(/\s+/)
  if (word !== 'DONE' || !step) return
  const resolveStep = waiting.get(step)
  if (resolveStep) resolveStep()
  else done.set(step, true)
})

/** Tells the driver to produce the records of `step` and waits until it has sent them. */
async function cue(step, timeoutMs = 60_000) {
  if (NO_DRIVER) throw new Pending(`needs the Java driver to produce records (${step})`)
  console.log(`@@ READY ${step}`)
  if (done.has(step)) return
  await new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`the driver did not answer DONE ${step} within ${timeoutMs} ms`)),
      timeoutMs,
    )
    waiting.set(step, () => {
      clearTimeout(timer)
      res()
    })
  })
}

class Pending extends Error {}

// ---------------------------------------------------------------- helpers
const results = []
const consoleErrors = []
let expectingErrors = 0

function log(message) {
  console.log(`[e2e] ${message}`)
}

async function scenario(name, body) {
  const started = Date.now()
  log(`— ${name}`)
  try {
    await body()
    results.push([name, 'PASS', `${Date.now() - started} ms`])
  } catch (e) {
    const status = e instanceof Pending ? 'PENDING' : 'FAIL'
    const message = (e?.message ?? String(e)).split('\n')[0]
    results.push([name, status, message])
    log(`${status} ${name}: ${e?.stack ?? e}`)
    await shot(`failed-${name}`).catch(() => {})
  }
  const [, status, message] = results.at(-1)
  console.log(`@@ RESULT ${name} ${status} ${message}`)
}

/** Polls `check` (returning truthy when satisfied) until it holds or the time is up. */
async function until(check, message, timeoutMs = 30_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    try {
      last = await check()
      if (last) return last
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${message} (waited ${timeoutMs / 1000} s; last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
      )
    }
    await page.waitForTimeout(everyMs)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Deliberate failures (a wrong password, an expired token) log "Failed to load resource": expected. */
async function allowingErrors(body) {
  expectingErrors++
  try {
    return await body()
  } finally {
    await page.waitForTimeout(300)
    expectingErrors--
  }
}

async function shot(name) {
  const path = join(SHOTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  log(`screenshot ${path}`)
}

const testId = (id) => page.getByTestId(id)
const ui = (path) => `${BASE}/ui${path}`
const count = (selector) => page.locator(selector).count()
const text = (locator) => locator.innerText()

async function goto(path) {
  await page.goto(ui(path))
}

/** A request through the page's own session, as the app would make it (for diagnostics only). */
async function api(path) {
  return page.evaluate(async (p) => {
    const session = JSON.parse(sessionStorage.getItem('vigil.session') ?? '{}')
    const r = await fetch(p, { headers: { Authorization: `Bearer ${session.token}` } })
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() }
  }, path)
}

async function noHorizontalOverflow(name) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  assert(
    scroll <= client + 1,
    `${name}: the page is ${scroll} px wide in a ${client} px viewport (horizontal scrolling)`,
  )
}

async function login() {
  await testId('login-username').fill(USER)
  await testId('login-password').fill(PASSWORD)
  await testId('login-submit').click()
}

// ---------------------------------------------------------------- the browser
const profile = mkdtempSync(join(tmpdir(), 'vigil-e2e-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: WIDE,
  colorScheme: 'light',
  timezoneId: 'UTC',
  locale: 'en-GB',
})
context.setDefaultTimeout(20_000)
const page = context.pages()[0] ?? (await context.newPage())
page.on('console', (msg) => {
  if (msg.type() !== 'error') return
  const entry = `${msg.text()} @ ${page.url()}`
  if (expectingErrors > 0) log(`expected console error: ${entry}`)
  else consoleErrors.push(entry)
})
page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message} @ ${page.url()}`))

// ---------------------------------------------------------------- scenarios
try {
  await scenario('login', async () => {
    await page.goto(`${BASE}/ui/`)
    await testId('login-form').waitFor()
    assert(page.url().includes('/ui/login'), `a signed-out visit should land on the login page, not ${page.url()}`)
    await shot('login')
    await allowingErrors(async () => {
      await testId('login-username').fill(USER)
      await testId('login-password').fill('definitely-wrong')
      await testId('login-submit').click()
      await testId('login-error').waitFor()
    })
    await login()
    await testId('overview-severities').waitFor()
    await until(async () => (await text(testId('current-user'))).includes(USER), 'the header shows the user')
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('vigil.session'),
      local: localStorage.length,
    }))
    assert(stored.session && stored.local === 0, 'the token is kept in sessionStorage only')
  })

  await scenario('live-tail', async () => {
    await goto('/live')
    await until(async () => (await text(testId('live-status'))) === 'Live', 'the live stream connects')
    await cue('live-tail')
    const row = page.locator(`[data-testid="live-row"][data-host="${DATA.liveHost}"]`)
    await row.first().waitFor({ timeout: 30_000 })
    assert((await text(row.first())).includes('e2e live tail'), 'the new row shows its message')
    await shot('live')
  })

  await scenario('live-severity-filter', async () => {
    await goto('/live')
    await until(async () => (await text(testId('live-status'))) === 'Live', 'the live stream connects')
    await testId('chip-LOW').click()
    await testId('chip-MEDIUM').click()
    await until(
      () => page.url().includes('severity=CRITICAL%2CHIGH') || page.url().includes('severity=CRITICAL,HIGH'),
      'the filter is in the URL',
    )
    assert((await testId('chip-LOW').getAttribute('aria-pressed')) === 'false', 'LOW is off')
    await until(async () => (await text(testId('live-status'))) === 'Live', 'the stream reconnects with the filter')
    await cue('live-severity')
    const rows = page.locator(`[data-testid="live-row"][data-host="${DATA.severityHost}"]`)
    await rows.first().waitFor({ timeout: 30_000 })
    await page.waitForTimeout(1500) // the LOW record was produced first, on the same partition
    const severities = await rows.evaluateAll((els) => els.map((e) => e.dataset.severity))
    assert(
      severities.length === 1 && severities[0] === 'HIGH',
      `only the HIGH record shows, got ${JSON.stringify(severities)}`,
    )
    const all = await page.locator('[data-testid="live-row"]').evaluateAll((els) => els.map((e) => e.dataset.severity))
    assert(
      all.every((s) => s === 'HIGH' || s === 'CRITICAL'),
      `every row is HIGH or CRITICAL, got ${[...new Set(all)]}`,
    )
    await shot('live-filtered')
  })

  await scenario('live-pause-resume', async () => {
    await until(async () => (await text(testId('live-status'))) === 'Live', 'the live stream is connected')
    await testId('live-toggle').click()
    await until(async () => (await text(testId('live-status'))) === 'Paused', 'paused')
    await cue('live-pause')
    await testId('live-pending').waitFor({ timeout: 30_000 })
    const held = page.locator(`[data-testid="live-row"][data-host="${DATA.pauseHost}"]`)
    assert((await held.count()) === 0, 'while paused, the new row is held back')
    await shot('live-paused')
    await testId('live-toggle').click()
    await held.first().waitFor({ timeout: 5_000 })
    assert((await text(testId('live-status'))) === 'Live', 'live again after resume')
  })

  await scenario('live-rows-do-not-jump', async () => {
    await goto('/live')
    await until(async () => (await text(testId('live-status'))) === 'Live', 'the live stream connects')
    await until(async () => (await count('[data-testid="live-row"]')) >= 30, 'enough rows to scroll')
    const scroller = page.locator('.live__scroll')
    await scroller.evaluate((el) => (el.scrollTop = 400))
    // The row at the top edge of the list, and where it is on screen.
    const anchor = await scroller.evaluate((el) => {
      const edge = el.getBoundingClientRect().top + 40 // below the sticky header row
      const row = [...el.querySelectorAll('tbody [data-log-id]')].find((r) => r.getBoundingClientRect().bottom > edge)
      return { id: row.dataset.logId, top: row.getBoundingClientRect().top }
    })
    await cue('live-no-jump')
    await testId('live-new-above').waitFor({ timeout: 30_000 })
    const after = await page.evaluate(
      (id) => document.querySelector(`[data-log-id="${id}"]`).getBoundingClientRect().top,
      anchor.id,
    )
    assert(Math.abs(after - anchor.top) <= 2, `the row being read stays put: it moved ${after - anchor.top} px`)
    await shot('live-new-above')
    await testId('live-new-above').click()
    await page.locator(`[data-testid="live-row"][data-host="${DATA.noJumpHost}"]`).first().waitFor()
    assert((await scroller.evaluate((el) => el.scrollTop)) === 0, 'back at the top')
  })

  await scenario('search-by-host-with-paging', async () => {
    await goto('/search')
    await testId('search-host').fill(DATA.searchHost)
    await testId('search-submit').click()
    const expected = `of ${DATA.searchTotal} logs`
    await until(
      async () => {
        if ((await text(testId('search-total'))).includes(expected)) return true
        await testId('search-submit').click() // indexing may lag a little behind the seeding: search again
        return false
      },
      `the search finds all ${DATA.searchTotal} logs of ${DATA.searchHost}`,
      60_000,
      2000,
    )
    assert(page.url().includes(`host=${DATA.searchHost}`), 'the host is in the URL')
    assert((await count('[data-testid="search-row"]')) === 50, 'page 1 has 50 rows')
    const hosts = await page
      .locator('[data-testid="search-row"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.dataset.host))])
    assert(hosts.length === 1 && hosts[0] === DATA.searchHost, `only the host's logs, got ${hosts}`)
    await shot('search')

    await testId('search-next').click()
    await until(
      async () => (await count('[data-testid="search-row"]')) === DATA.searchTotal - 50,
      'page 2 holds the rest',
    )
    assert(page.url().includes('page=2'), 'the page is in the URL')
    assert((await text(testId('search-total'))).includes('page 2 of 2'), 'the pager says page 2 of 2')

    await page.goBack()
    await until(
      async () => (await count('[data-testid="search-row"]')) === 50 && !page.url().includes('page=2'),
      'back returns to page 1',
    )

    // Severity filter on the search: only the HIGH ones of the host.
    for (const s of ['LOW', 'MEDIUM', 'CRITICAL']) await testId(`chip-${s}`).click()
    await until(
      async () => (await text(testId('search-total'))).includes(`of ${DATA.searchHigh} logs`),
      `${DATA.searchHigh} HIGH logs`,
    )
    const severities = await page
      .locator('[data-testid="search-row"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.dataset.severity))])
    assert(severities.length === 1 && severities[0] === 'HIGH', `only HIGH rows, got ${severities}`)

    // A shared link reproduces the view.
    const shared = page.url()
    await page.goto(shared)
    await until(
      async () => (await text(testId('search-total'))).includes(`of ${DATA.searchHigh} logs`),
      'the shared link shows the same result',
    )
  })

  await scenario('log-detail', async () => {
    await page.locator('[data-testid="search-row-link"]').first().click()
    await testId('log-detail').waitFor()
    assert((await text(testId('log-host'))) === DATA.searchHost, 'the detail shows the host')
    const fields = await page.locator('[data-testid="field-row"]').evaluateAll((els) => els.map((e) => e.dataset.field))
    for (const f of ['id', 'timestamp', 'host', 'severity', 'kind', 'topic', 'message']) {
      assert(fields.includes(f), `the field table lists ${f} (has ${fields.join(', ')})`)
    }
    await shot('log-detail')
    await testId('log-back').click()
    await testId('search-table').waitFor()
  })

  await scenario('metrics-graph-draws-points', async () => {
    await goto(`/metrics?host=${encodeURIComponent(DATA.metricsHost)}`)
    const chart = testId('chart-cpu')
    await until(
      async () => Number(await chart.getAttribute('data-points')) > 0,
      'the CPU chart has points',
      30_000,
      1000,
    )
    // The SVG renderer draws the series as paths and the points as symbols: they are really there.
    await until(async () => (await chart.locator('svg path').count()) > 5, 'the CPU chart drew its lines and points')
    for (const id of ['chart-memory', 'chart-network']) {
      assert(Number(await testId(id).getAttribute('data-points')) > 0, `${id} has points`)
    }
    const cpuTile = await text(testId('tile-cpu'))
    assert(/\d/.test(cpuTile), `the CPU tile shows numbers: ${cpuTile}`)
    await shot('metrics-host')
    await testId('metrics-fleet').click()
    await until(
      async () => Number(await testId('chart-cpu').getAttribute('data-points')) > 0,
      'the fleet CPU chart has points',
    )
    // Alerts that fired in the range are marked on the charts (the seeded alert at least) and listed.
    await until(
      async () => Number(await testId('chart-cpu').getAttribute('data-markers')) > 0,
      'the fleet charts mark the alerts',
    )
    await testId('metrics-markers').waitFor()
    await testId('range-24h').click()
    await until(() => page.url().includes('range=24h'), 'the range is in the URL')
    await until(
      async () => Number(await testId('chart-cpu').getAttribute('data-points')) > 0,
      'the 24 h chart has points',
    )
    await shot('metrics')
  })

  await scenario('brute-force-alert-acknowledged', async () => {
    await cue('brute-force')
    await goto(`/alerts?host=${encodeURIComponent(DATA.bruteForceHost)}`)
    const row = page.locator(`[data-testid="alert-row"][data-host="${DATA.bruteForceHost}"]`)
    let found = true
    try {
      await until(
        async () => {
          if ((await row.count()) > 0) return true
          await testId('alerts-refresh').click()
          return false
        },
        'an alert for the brute force',
        90_000,
        3000,
      )
    } catch {
      found = false
    }
    if (!found) {
      const rules = await api('/rules')
      const ids = Array.isArray(rules.body?.items) ? rules.body.items.map((r) => r.id) : []
      await shot('alerts-no-brute-force')
      const why = `no alert for ${DATA.bruteForceHost} within 90 s of 8 failed sshd logins (GET /rules: ${rules.status}, ${ids.length} rules${ids.includes('ssh-brute-force') ? ', ssh-brute-force among them' : ''})`
      if (!ids.includes('ssh-brute-force'))
        throw new Pending(`${why}: the detection engine is not wired into the job yet`)
      throw new Error(why)
    }
    await row.first().locator('[data-testid="alert-link"]').click()
    await testId('alert-detail').waitFor()
    await until(async () => (await count('[data-testid="alert-event"] time')) > 0, 'the matched events are shown')
    await shot('alerts-brute-force')
    await acknowledge('e2e: the planted brute force, acknowledged in the browser')
    await shot('alert-acknowledged')
  })

  await scenario('seeded-alert-acknowledge-ui', async () => {
    // A document seeded straight into vigil-alerts, named as such: it tests the acknowledge UI
    // flow on its own, in addition to (never instead of) the real brute force above.
    await goto(`/alerts/${encodeURIComponent(DATA.seededAlertId)}`)
    await testId('alert-detail').waitFor()
    assert((await text(testId('alert-detail-title'))).includes('seeded'), 'the seeded alert is shown')
    await until(
      async () => (await count('[data-testid="alert-event"] time')) > 0,
      'its matched event is fetched with GET /logs/{id}',
    )
    await acknowledge('e2e: acknowledge UI flow on a seeded alert')
    await testId('alert-action-closed').click()
    await until(async () => (await text(testId('alert-detail-status'))) === 'closed', 'closed')
    await until(async () => (await count('[data-testid="alert-history-entry"]')) >= 2, 'two history entries')
    await testId('alert-action-open').waitFor()
    await shot('alert-detail')
    await goto('/alerts')
    await testId('alerts-table').waitFor()
    await until(async () => (await count('[data-testid="alert-row"]')) > 0, 'the alert list has rows')
    await shot('alerts')
  })

  await scenario('dark-theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await goto(`/metrics?host=${encodeURIComponent(DATA.metricsHost)}`)
    await until(
      async () => Number(await testId('chart-cpu').getAttribute('data-points')) > 0,
      'the charts draw in the dark theme',
    )
    await shot('metrics-dark')
    await goto(`/alerts/${encodeURIComponent(DATA.seededAlertId)}`)
    await testId('alert-detail').waitFor()
    await shot('alerts-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  await scenario('rules', async () => {
    await goto('/rules')
    await until(
      async () => (await count('[data-testid="rule-row"]')) > 0 || (await testId('rules-empty').count()) > 0,
      'the rules table is filled',
    )
    // the rule set the job published with its rules, and every rule's state (live, shadow, dormant, disabled)
    assert(/^[0-9a-f]{12}$/.test(await text(testId('rules-rule-set'))), 'the deployed rule set version is shown')
    const states = await page
      .locator('[data-testid="rule-row"]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.state))
    assert(
      states.every((s) => ['live', 'shadow', 'dormant', 'disabled'].includes(s)),
      `every rule has a state: ${states}`,
    )
    await shot('rules')
    // admins: a backtest of the last 15 minutes through the job's own operators (vigil rules backtest on the server)
    await testId('rules-backtest-from').fill('now-15m')
    await testId('rules-backtest').click()
    const summary = await until(
      async () => {
        if ((await testId('rules-backtest-error').count()) > 0)
          return `FAILED: ${await text(testId('rules-backtest-error'))}`
        return (await testId('rules-backtest-summary').count()) > 0 && (await text(testId('rules-backtest-summary')))
      },
      'the backtest answers',
      180_000,
    )
    assert(!summary.startsWith('FAILED'), summary)
    assert(/[1-9][\d,]* stored events/.test(summary), `the backtest read the stored events: ${summary}`)
    assert(summary.includes('nothing was written'), summary)
    await shot('rules-backtest')
  })

  await scenario('overview', async () => {
    await goto('/overview')
    await until(async () => /\d/.test(await text(testId('count-LOW'))), 'the severity counts are loaded')
    const low = Number((await text(testId('count-LOW'))).replace(/\D/g, ''))
    assert(low > 0, 'there are LOW logs in the last 24 hours')
    await shot('overview')
  })

  await scenario('narrow-screen', async () => {
    await page.setViewportSize(NARROW)
    for (const [path, name, ready] of [
      ['/overview', 'overview', 'overview-severities'],
      ['/live', 'live', 'live-table'],
      [`/search?host=${encodeURIComponent(DATA.searchHost)}`, 'search', 'search-table'],
      [`/alerts/${encodeURIComponent(DATA.seededAlertId)}`, 'alerts', 'alert-detail'],
      [`/metrics?host=${encodeURIComponent(DATA.metricsHost)}`, 'metrics', 'chart-cpu'],
      ['/rules', 'rules', 'rules-table'],
    ]) {
      await goto(path)
      await testId(ready).waitFor()
      await page.waitForTimeout(500)
      await noHorizontalOverflow(name)
      await shot(`${name}-narrow`)
    }
    await page.setViewportSize(WIDE)
  })

  await scenario('keyboard', async () => {
    await goto('/search')
    await testId('search-table').waitFor()
    await page.keyboard.press('Tab')
    assert(
      (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Skip to content',
      'the first Tab reaches the skip link',
    )
    const reached = []
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab')
      reached.push(
        await page.evaluate(
          () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName,
        ),
      )
    }
    for (const id of ['nav-overview', 'nav-live', 'nav-alerts', 'nav-metrics', 'nav-rules', 'logout']) {
      assert(reached.includes(id), `Tab reaches ${id} (reached ${reached.join(', ')})`)
    }
    // The search form works from the keyboard alone.
    await testId('search-host').focus()
    await page.keyboard.type(DATA.searchHost)
    await page.keyboard.press('Enter')
    await until(() => page.url().includes(`host=${DATA.searchHost}`), 'Enter submits the search')
    // Alerts: Tab to a row's link, Enter opens the detail.
    await goto('/alerts')
    await until(async () => (await count('[data-testid="alert-link"]')) > 0, 'alerts listed')
    await page.locator('[data-testid="alert-link"]').first().focus()
    await page.keyboard.press('Enter')
    await testId('alert-detail').waitFor()
  })

  await scenario('logout-and-expired-session', async () => {
    await goto('/overview')
    await testId('logout').click()
    await testId('login-form').waitFor()
    assert((await page.evaluate(() => sessionStorage.getItem('vigil.session'))) === null, 'logout forgets the token')
    await login()
    await testId('overview-severities').waitFor()
    // A token the server refuses (expired, secret rotated): any request sends the user to login.
    await allowingErrors(async () => {
      await page.evaluate(() =>
        sessionStorage.setItem('vigil.session', JSON.stringify({ token: 'not.a.valid-token', expiresAt: null })),
      )
      await goto('/alerts?severity=CRITICAL')
      await testId('login-form').waitFor()
    })
    assert(
      decodeURIComponent(page.url()).includes('redirect=/alerts?severity=CRITICAL'),
      `login remembers where the user was: ${page.url()}`,
    )
    await login()
    await until(
      () => page.url().includes('/ui/alerts?severity=CRITICAL'),
      'after signing in again, back where they were',
    )
  })

  await scenario('no-console-errors', async () => {
    assert(
      consoleErrors.length === 0,
      `${consoleErrors.length} console errors: ${consoleErrors.slice(0, 5).join(' | ')}`,
    )
  })
} finally {
  await context.close().catch(() => {})
  rmSync(profile, { recursive: true, force: true })
}

async function acknowledge(note) {
  await testId('alert-action-acknowledged').waitFor()
  await testId('alert-note').fill(note)
  await testId('alert-action-acknowledged').click()
  await until(async () => (await text(testId('alert-detail-status'))) === 'acknowledged', 'the alert is acknowledged')
  await until(async () => {
    const notes = await page.locator('[data-testid="alert-history-note"]').allInnerTexts()
    return notes.includes(note)
  }, 'the history shows the note')
}

const failed = results.filter(([, status]) => status === 'FAIL').length
for (const [name, status, message] of results) log(`${status.padEnd(7)} ${name} — ${message}`)
console.log(`@@ END ${failed}`)
process.exit(failed ? 1 : 0)
