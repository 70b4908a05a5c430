/**
 * The main job (`npm start`): run the flows on the embedded all-simulated topology and turn the
 * run into a session folder with the evidence:
 *
 *   reports/out/<tid>/
 *     allure-results/      what allure-playwright wrote
 *     test-results/        Playwright's output (traces, screenshots of failures)
 *     allurerc.mjs         how the report was built (rebuild from here by hand)
 *     rapport/index.html   Allure 3 report, one self-contained file, in Swedish
 *     sammanfattning.md    short summary in Swedish
 *
 * Test failures still produce the report; the exit code is the test run's. A report that cannot
 * be built is an error (ReportBuildError) that says what to run.
 */
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTime, readSessionResults, renderSessionSummary } from '../../reports/summary/sessionSummary.js';
import { buildAllureReport } from './allureReport.js';
import { playwrightTestArgs } from './scenarioSelection.js';
import { createSessionFolder } from './sessionFolder.js';

export interface MainJobOptions {
  /** Default `<repo>/reports/out`. */
  outRoot?: string;
  /** Playwright `--grep`, e.g. `@status-resend`. */
  grep?: string;
  /**
   * Playwright projects, or `flows` / `incidents` for one part of the reference suite
   * ({@link playwrightSelection}); default the whole reference suite (project `scenarios`).
   */
  projects?: string[];
  /** Where the job's own lines go (Playwright's output is inherited); default console.log. */
  log?: (line: string) => void;
  /** Session time; default now. */
  now?: Date;
}

export interface MainJobResult {
  /** The test run's exit code (0 when every test passed). */
  exitCode: number;
  outDir: string;
  reportFile: string;
  summaryFile: string;
  passed: number;
  /** failed and broken */
  failed: number;
  skipped: number;
}

/** The repository root (this file is harness/session/mainJob.ts). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function runMainJob(options: MainJobOptions = {}): Promise<MainJobResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? new Date();
  // Checked before the session folder is made: a selection Playwright cannot run leaves none behind.
  const args = playwrightTestArgs(options.projects ?? [], options.grep);
  const outDir = await createSessionFolder(resolve(options.outRoot ?? join(repoRoot, 'reports', 'out')), now);
  const resultsDir = join(outDir, 'allure-results');
  const reportDir = join(outDir, 'rapport');
  const summaryFile = join(outDir, 'sammanfattning.md');

  log(`samverkan: session ${outDir}`);
  const exitCode = await runPlaywright({
    args,
    env: { SAMVERKAN_ALLURE_RESULTS: resultsDir, SAMVERKAN_TEST_OUTPUT: join(outDir, 'test-results') },
  });

  // The summary first: it needs no tools, so it exists even if the report cannot be built.
  const results = await readSessionResults(resultsDir);
  await writeFile(summaryFile, renderSessionSummary(results, { sessionTime: now, reportLink: 'rapport/index.html' }));

  log('samverkan: building the report (allure generate)…');
  const reportFile = await buildAllureReport({
    repoRoot,
    sessionDir: outDir,
    resultsDir,
    reportDir,
    reportName: `samverkan – sessionsrapport ${formatTime(now)}`,
  });

  log(
    `samverkan: ${results.passed} godkända, ${results.failed} underkända, ${results.skipped} överhoppade` +
      (exitCode === 0 ? '' : ` (playwright exit code ${exitCode})`),
  );
  log(`samverkan: rapport         ${reportFile}`);
  log(`samverkan: sammanfattning  ${summaryFile}`);
  return {
    exitCode,
    outDir,
    reportFile,
    summaryFile,
    passed: results.passed,
    failed: results.failed,
    skipped: results.skipped,
  };
}

interface PlaywrightRun {
  /** `test`, the projects, the grep and path filters. */
  args: string[];
  env: Record<string, string>;
}

/** Runs `playwright test` from the repo root with inherited stdio; resolves to its exit code. */
async function runPlaywright({ args, env }: PlaywrightRun): Promise<number> {
  const bin = join(repoRoot, 'node_modules', '.bin', 'playwright');
  try {
    await access(bin);
  } catch {
    throw new Error(`Cannot run the tests: ${bin} is missing (@playwright/test is not installed). Run: npm ci`);
  }
  // Ctrl-C goes to Playwright too (same process group); it stops gracefully and its reporters
  // finish, so we keep running and still build the report from what was recorded.
  const ignoreInterrupt = () => {};
  process.on('SIGINT', ignoreInterrupt);
  try {
    return await new Promise<number>((resolveExit, reject) => {
      const child = spawn(bin, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
      child.on('error', (error) =>
        reject(new Error(`Cannot start ${bin} ${args.join(' ')}: ${error.message}. Run: npm ci`)),
      );
      child.on('close', (code, signal) => resolveExit(code ?? (signal === 'SIGINT' ? 130 : 1)));
    });
  } finally {
    process.off('SIGINT', ignoreInterrupt);
  }
}
