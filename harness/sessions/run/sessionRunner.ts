/**
 * Runs a session's plan from the first case without a result: consecutive automated cases as one
 * Playwright run, each manual step waiting for a person (terminal or session page) while the
 * session's topology records what crosses the wire. Every recorded step is committed before the
 * next begins; Ctrl-C pauses (nothing half-done is recorded), `resume` goes on from there. At the
 * end it builds the evidence: the Allure report, the protocol in HTML and PDF.
 */
import type { Topology } from '../../topology/startTopology.js';
import { buildSessionEvidence, type SessionEvidence } from '../evidence/sessionEvidence.js';
import { startSessionPage, type SessionPage } from '../page/sessionPage.js';
import type { PlannedAutomatedCase, PlannedCase, PlannedManualCase } from '../plan/sessionPlan.js';
import { OUTCOME_SV } from '../store/sessionRecord.js';
import type { SessionStore } from '../store/sessionStore.js';
import { runAutomatedBatch } from './automatedBatch.js';
import { runConformanceCase } from './conformanceCase.js';
import { SessionLive } from './sessionLive.js';
import { startSessionTopology } from './sessionTopology.js';
import { promptInTerminal } from './terminalPrompt.js';

export interface RunOptions {
  log: (line: string) => void;
  /** Never ask in the terminal; wait for the session page only. */
  noInput: boolean;
  /** Port of the session page; default the one it had before, else any free one. */
  pagePort?: number;
  /** Playwright workers for the automated cases. */
  workers?: number;
  /** Build the report, protocol and PDF at the end (default true). */
  evidence?: boolean;
  /** Pauses the session as Ctrl-C does (for a caller that runs it in-process). */
  signal?: AbortSignal;
}

export type RunEnd = { kind: 'finished'; evidence?: SessionEvidence } | { kind: 'paused' };

export async function runSession(store: SessionStore, options: RunOptions): Promise<RunEnd> {
  const { log } = options;
  const session = store.session;
  const cases = session.plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
  const live = new SessionLive(store);
  const processRow = store.noteProcess('runner', process.pid, Date.now());
  const controller = new AbortController();
  const pause = () => {
    if (controller.signal.aborted) return;
    log('\nsamverkan: avbrutet – sessionen pausas; inget halvfärdigt registreras.');
    controller.abort();
  };
  process.on('SIGINT', pause);
  process.on('SIGTERM', pause);
  options.signal?.addEventListener('abort', pause, { once: true });
  let topology: Topology | undefined;
  let page: SessionPage | undefined;
  try {
    if (cases.some((c) => c.kind === 'manual' && !store.result(c.id))) {
      topology = await startSessionTopology(store, log);
      live.topology = topology;
      const before = Number(store.meta('pagePort') ?? 0);
      page = await startSessionPage(live, options.pagePort ?? before).catch((error) => {
        if (options.pagePort === undefined && before) return startSessionPage(live, 0);
        throw error;
      });
      store.setMeta('pagePort', String(page.port));
      live.pageUrl = page.url;
      log(`samverkan: sessionssidan ${page.url}`);
      for (const [what, url] of Object.entries(live.state().urls)) log(`  ${what.padEnd(46)} ${url}`);
    }

    for (let i = 0; i < cases.length && !controller.signal.aborted; ) {
      const c = cases[i]!;
      if (store.result(c.id)) {
        i++;
        continue;
      }
      if (c.kind === 'automated' && c.runner === 'conformance') {
        live.phase = 'automatiska';
        live.automated = [c.id];
        live.changed();
        await runConformanceCase(store, c, log);
        live.automated = undefined;
        i++;
      } else if (c.kind === 'automated') {
        const batch: PlannedAutomatedCase[] = [];
        const playwrightCase = (e: PlannedCase | undefined) => e?.kind === 'automated' && e.runner !== 'conformance';
        for (; i < cases.length && playwrightCase(cases[i]); i++) if (!store.result(cases[i]!.id)) batch.push(cases[i] as PlannedAutomatedCase);
        live.phase = 'automatiska';
        live.automated = batch.map((b) => b.id);
        live.changed();
        const end = await runAutomatedBatch({ store, cases: batch, journal: session.journal, log, workers: options.workers, signal: controller.signal });
        live.automated = undefined;
        if (end === 'interrupted') break;
      } else {
        const recorded = await manualStep(store, live, c, topology, options, controller.signal);
        if (recorded === 'interrupted') break;
        const r = store.result(c.id)!;
        log(`samverkan: ${c.id}: ${OUTCOME_SV[r.outcome]}${r.comment ? ` – ${r.comment}` : ''} (${r.recordedBy === 'page' ? 'sessionssidan' : 'terminalen'})`);
        i++;
      }
      log(`samverkan: ${live.state().progress.line}`);
    }

    if (controller.signal.aborted) {
      live.phase = 'pausad';
      log(`samverkan: sessionen ${session.id} är pausad (${store.results().length} av ${cases.length} fall registrerade). Fortsätt med:  npx samverkan session resume ${session.id}`);
      return { kind: 'paused' };
    }
    store.setMeta('finishedAt', String(Date.now()));
    live.phase = 'klar';
    live.changed();
    if (options.evidence === false) return { kind: 'finished' };
    const evidence = await buildSessionEvidence(store, { log });
    live.evidence = Object.fromEntries(Object.entries(evidence).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { kind: 'finished', evidence };
  } finally {
    process.off('SIGINT', pause);
    process.off('SIGTERM', pause);
    options.signal?.removeEventListener('abort', pause);
    await page?.stop();
    await topology?.stop();
    store.endProcess(processRow, Date.now());
  }
}

async function manualStep(store: SessionStore, live: SessionLive, step: PlannedManualCase, topology: Topology | undefined, options: RunOptions, signal: AbortSignal): Promise<'recorded' | 'interrupted'> {
  if (signal.aborted) return 'interrupted';
  // A step begun before a kill keeps its first start: its evidence window includes what came before.
  const start = store.lastStart(step.id) ?? store.startCase(step.id, Date.now(), lastJournalId(topology));
  live.phase = 'manuellt';
  const { log } = options;
  const waiting = live.waitFor(step, start, signal); // sets the waiting step at once
  const state = live.state().current!;
  log('');
  log(`── Steg ${step.position}: ${step.title}  (${step.blockTitle}${step.requirements.length ? ` · ${step.requirements.join(', ')}` : ''}) ──`);
  log(state.instructions);
  log('Samverkan ser efter:');
  for (const o of state.observations) log(`  ${o.person ? '👤' : '•'} ${o.description}`);
  log(`Registrera resultatet på ${live.pageUrl}${useTerminal(options) ? ' eller här' : ''}.`);
  if (useTerminal(options)) void promptInTerminal(live, step, signal, log).catch((error) => log(`samverkan: terminalfrågan avbröts: ${(error as Error).message}`));
  return waiting;
}

function useTerminal(options: RunOptions): boolean {
  return !options.noInput && !!process.stdin.isTTY;
}

function lastJournalId(topology: Topology | undefined): number {
  return topology?.journal.query({ withoutBodies: true }).at(-1)?.id ?? 0;
}
