/**
 * One allure-results folder for a session's report: from each run, the results of the tests the
 * store recorded from that run (a test cut short by a kill and run again appears once, from the
 * run that finished it), their attachments, and a result for each manual step (its observations
 * as steps, its traffic and sequence diagram attached) so the report shows the whole day.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sequenceDiagramSvg } from '../../../reports/sequence/sequenceDiagram.js';
import type { PlannedCase } from '../plan/sessionPlan.js';
import type { CaseResult } from '../store/sessionRecord.js';
import type { SessionStore } from '../store/sessionStore.js';

interface AllureResultFile {
  fullName?: string;
  parameters?: Array<{ name: string; value: string }>;
  labels?: Array<{ name: string; value: string }>;
}

/** The key the session reporter gives a test, read from allure-playwright's result. */
export function allureTestKey(result: AllureResultFile): string | undefined {
  const project = result.parameters?.find((p) => p.name === 'Project')?.value;
  return project && result.fullName ? `[${project}] › ${result.fullName}` : undefined;
}

/** Writes `<session>/allure-results` afresh; returns its path and how many results it holds. */
export async function assembleAllureResults(store: SessionStore): Promise<{ dir: string; automated: number; manual: number }> {
  const out = join(store.dir, 'allure-results');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const tests = store.tests();
  const caseOf = new Map(tests.map((t) => [t.key, t]));
  let automated = 0;
  const runsDir = join(store.dir, 'runs');
  const runs = await readdir(runsDir).catch(() => [] as string[]);
  for (const run of runs.sort()) {
    const dir = join(runsDir, run, 'allure-results');
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const name of files) {
      if (name.endsWith('-result.json')) {
        const result = JSON.parse(await readFile(join(dir, name), 'utf8')) as AllureResultFile;
        const key = allureTestKey(result);
        const recorded = key ? caseOf.get(key) : undefined;
        if (!recorded || recorded.runDir !== join(runsDir, run)) continue; // not recorded, or recorded from another run
        result.labels = [...(result.labels ?? []), { name: 'samverkansfall', value: recorded.caseId }];
        await writeFile(join(out, name), JSON.stringify(result));
        automated++;
      } else if (name.includes('-attachment')) {
        await copyFile(join(dir, name), join(out, name));
      }
    }
  }
  const plan = store.session.plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
  let manual = 0;
  for (const result of store.results()) {
    const planned = plan.find((c) => c.id === result.caseId);
    if (!planned) continue;
    if (planned.kind === 'manual' || result.outcome === 'error') {
      await writeManualResult(out, store, planned, result);
      manual++;
    }
  }
  return { dir: out, automated, manual };
}

const STATUS = { passed: 'passed', failed: 'failed', skipped: 'skipped', error: 'broken' } as const;

async function writeManualResult(out: string, store: SessionStore, planned: PlannedCase, result: CaseResult): Promise<void> {
  const attachments: Array<{ name: string; type: string; source: string }> = [];
  const traffic = store.traffic(planned.id);
  if (traffic.length) {
    const svg = `${randomUUID()}-attachment.svg`;
    await writeFile(join(out, svg), sequenceDiagramSvg(traffic));
    attachments.push({ name: 'sekvensdiagram.svg', type: 'image/svg+xml', source: svg });
    const jsonl = `${randomUUID()}-attachment.jsonl`;
    await writeFile(join(out, jsonl), traffic.map((e) => JSON.stringify(e)).join('\n') + '\n');
    attachments.push({ name: 'trafik.jsonl', type: 'application/x-ndjson', source: jsonl });
  }
  const observed = result.details.observed ?? [];
  const uuid = randomUUID();
  const description =
    planned.kind === 'manual'
      ? `${planned.instructions}\n\nSamverkan såg efter:\n${observed.map((o) => `- ${o.description}: ${o.person ? 'bedöms av en deltagare' : `${o.seen} utbyten`}`).join('\n')}`
      : `Automatiskt fall utan körda tester (${result.comment}).`;
  const labels = [
    { name: 'parentSuite', value: planned.kind === 'manual' ? 'Manuella steg' : 'Automatiska fall' },
    { name: 'suite', value: planned.blockTitle },
    { name: 'tag', value: planned.kind === 'manual' ? 'manuell' : 'automatisk' },
    { name: 'samverkansfall', value: planned.id },
    ...planned.requirements.map((r) => ({ name: 'tag', value: r })),
  ];
  const resultFile = {
    uuid,
    historyId: `${store.session.id}:${planned.id}`,
    testCaseId: planned.id,
    name: `${planned.position}. ${planned.title}`,
    fullName: `samverkanstest › ${planned.blockTitle} › ${planned.position}. ${planned.title}`,
    status: STATUS[result.outcome],
    statusDetails: { message: result.comment || undefined },
    stage: 'finished',
    description,
    start: result.startedAt,
    stop: result.finishedAt,
    labels,
    links: [],
    parameters: [{ name: 'registrerat av', value: result.recordedBy === 'page' ? 'sessionssidan' : result.recordedBy === 'terminal' ? 'terminalen' : result.recordedBy === 'samverkan' ? 'samverkan (kravsviten)' : 'Playwright' }],
    steps: observed.map((o) => ({
      name: `${o.description}${o.person ? ' (en deltagare bedömer)' : ` – sett ${o.seen} gång${o.seen === 1 ? '' : 'er'}`}`,
      status: o.person ? STATUS[result.outcome] : o.seen ? 'passed' : 'failed',
      stage: 'finished',
      start: result.startedAt,
      stop: result.finishedAt,
      steps: [],
      attachments: [],
      parameters: [],
      statusDetails: {},
    })),
    attachments,
  };
  await writeFile(join(out, `${uuid}-result.json`), JSON.stringify(resultFile));
}
