import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { useRunTempDir } from './harness/session/runTempDir.js';

/**
 * One test runner for everything (see docs/decisions/0001-stack.md):
 * - `unit`: kit and simulators, no browser (`*.test.ts` beside the code);
 * - `scenarios`: the reference suite in Debian's Chromium: whole flows against a started topology
 *   (`scenarios/flows`) and reproductions of known incidents (`scenarios/incidents`), one project
 *   so that they share the workers (docs/decisions/0045-one-scenario-project.md); a folder is
 *   chosen by path (`npx playwright test scenarios/incidents`, `samverkan run --project incidents`);
 * - `sessions`: the session runner's own tests (`scenarios/sessions`, tag @session); a session's
 *   automated cases come from `scenarios` only.
 *
 * Allure results go to SAMVERKAN_ALLURE_RESULTS (the main job points it into its session folder).
 *
 * TMPDIR points at a folder of this run (harness/session/runTempDir.ts): Chromium's profiles and
 * every temporary file go there, removed at the end, or at the next run if this one was killed.
 */
useRunTempDir();
const allureResults = process.env.SAMVERKAN_ALLURE_RESULTS ?? 'reports/out/allure-results';
/**
 * Debian's Chromium headless shell (package chromium-headless-shell, same Blink and V8 as the
 * browser) when it is installed and no window is asked for: a context and page cost a third of
 * the full browser's CPU (docs/decisions/0029-suite-costs.md). CHROMIUM_PATH chooses another.
 */
const headed = !!process.env.PWDEBUG || process.argv.some((a) => a === '--headed' || a === '--debug' || a.startsWith('--ui'));
const headlessShell = '/usr/bin/chromium-headless-shell';
const chromiumPath = process.env.CHROMIUM_PATH ?? (!headed && existsSync(headlessShell) ? headlessShell : '/usr/bin/chromium');

const browserUse = {
  ...devices['Desktop Chrome'],
  locale: 'sv-SE',
  timezoneId: 'Europe/Stockholm',
  // A failed test's trace keeps the DOM snapshot of every action; the screencast (a JPEG of every
  // frame) is left out: recording it cost more CPU than the test (docs/decisions/0029-suite-costs.md).
  trace: { mode: 'retain-on-failure' as const, screenshots: false, snapshots: true, sources: true },
  screenshot: 'only-on-failure' as const,
  launchOptions: {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  forbidOnly: !!process.env.CI,
  retries: 0,
  // CI must finish well inside its 90 minutes; a hung run stops here with a report of what ran.
  globalTimeout: process.env.CI ? 40 * 60_000 : undefined,
  // Two workers at least: with the headless shell a test leaves the CPU idle part of its time
  // (a silent party's timeout, a wait for the browser), and a second worker fills it (0029: 10 tests in
  // 62.9 s instead of 77.6 s on 2 cores). More cores: Playwright's default, half of them.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  timeout: 60_000,
  outputDir: process.env.SAMVERKAN_TEST_OUTPUT ?? 'reports/out/test-results',
  globalSetup: './scenarios/fixtures/globalSetup.ts',
  globalTeardown: './scenarios/fixtures/globalTeardown.ts',
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: allureResults, detail: false, suiteTitle: true }],
    // A samverkan session's run: each test, its case and its traffic recorded in the session's store.
    ...(process.env.SAMVERKAN_SESSION_DIR ? [['./harness/sessions/run/sessionReporter.ts'] as [string]] : []),
  ],
  projects: [
    {
      name: 'unit',
      testDir: '.',
      testMatch: ['simulators/**/*.test.ts', 'harness/**/*.test.ts', 'bench/*.test.ts', 'reports/**/*.test.ts', 'scenarios/*.test.ts', 'scenarios/fixtures/*.test.ts'],
      testIgnore: ['node_modules/**', 'reports/out/**'],
    },
    // Flows and incidents in one project: a project never shares a worker with another, so two
    // projects started a worker (module loading, a browser, a first topology) twice as often
    // (docs/decisions/0045-one-scenario-project.md). Flows go one file per worker; each incident
    // file asks for its tests to spread over the workers (`test.describe.configure`, 0040).
    { name: 'scenarios', testDir: 'scenarios', testMatch: ['flows/**/*.spec.ts', 'incidents/**/*.spec.ts'], use: browserUse },
    { name: 'sessions', testDir: 'scenarios/sessions', testMatch: '**/*.spec.ts', use: browserUse },
  ],
});
