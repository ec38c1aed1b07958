// The browser suite (README.md, "Browser tests"): Playwright Test driving Debian's Chromium,
// never a downloaded browser, against a running stack. local-stack's DashboardBrowserITCase runs it
// inside `./vigil test`; `npm run e2e` runs it against a stack you started.
import { defineConfig } from '@playwright/test'

/** Where the JSON report, traces and failure screenshots go (DashboardBrowserITCase reads the report). */
const results = process.env.VIGIL_E2E_RESULTS ?? 'target/e2e'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  // One signed-in page walks the app as a user does, scenario after scenario (fixtures.ts).
  workers: 1,
  fullyParallel: false,
  // Each scenario cues records into a live stack: a retry would see a different world, not the same test again.
  retries: 0,
  // The backtest scenario waits up to 3 minutes for the server's run.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  outputDir: `${results}/artifacts`,
  reporter: [['list'], ['json', { outputFile: `${results}/report.json` }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
      // Without the background-networking flags Chromium keeps calling Google's hosts, which a closed
      // network refuses, many at a time.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
