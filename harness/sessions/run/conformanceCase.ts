/**
 * A session's conformance case (`"runner": "conformance"` in the plan): the journal-system
 * conformance suite, as `samverkan conformance` runs it, against the session's journal system, with
 * the session's catch-up trigger (JR-O02; not judged without one). The verdicts become the case's
 * result (failed when a requirement fails; not judged does not fail it), and the suite's report and
 * traffic are kept in the session folder (`kravsvit/<run>/`).
 */
import { join } from 'node:path';
import { requireSchemaRoot } from '../../../simulators/kit/contracts/schemaRoot.js';
import { runConformanceSuite } from '../../conformance/conformanceRunner.js';
import { verdictCounts, writeConformanceReport } from '../../conformance/conformanceReport.js';
import { selectRequirements } from '../../conformance/requirements.js';
import { shortReason } from '../../conformance/verdicts.js';
import { createSessionFolder } from '../../session/sessionFolder.js';
import { startTopology } from '../../topology/startTopology.js';
import { defaultTopologyConfig } from '../../topology/topologyConfig.js';
import type { PlannedAutomatedCase } from '../plan/sessionPlan.js';
import type { SessionStore } from '../store/sessionStore.js';

/** The folder under the session folder that holds the suite's runs. */
export const CONFORMANCE_FOLDER = 'kravsvit';

const VERDICT_SV = { pass: 'GODKÄND', fail: 'UNDERKÄND', 'not-judged': 'EJ BEDÖMD' } as const;

/** Runs the suite for `step` and records the case with its verdicts. */
export async function runConformanceCase(store: SessionStore, step: PlannedAutomatedCase, log: (line: string) => void): Promise<void> {
  const session = store.session;
  const trigger = session.catchUpTrigger;
  const requirements = selectRequirements(session.conformanceRequirements ?? []);
  const startedAt = Date.now();
  store.startCase(step.id, startedAt);
  log(`samverkan: ${step.id}: kravsviten mot ${session.journal.mode === 'external' ? session.journal.url : 'journalsystemsimulatorn'}; catch-up-trigger ${trigger ?? 'ingen (JR-O02 bedöms inte)'}`);
  const topology = await startTopology(
    defaultTopologyConfig({
      parties: {
        webcert: { mode: 'simulated' },
        journal: session.journal.mode === 'external' ? { mode: 'external', url: session.journal.url } : { mode: 'simulated' },
        identity: { mode: 'none' },
      },
    }),
  );
  try {
    const run = await runConformanceSuite({
      topology,
      schemaRoot: requireSchemaRoot(),
      requirements,
      ...(trigger && { catchUpTrigger: trigger }),
      onVerdict: (v) => log(`  ${v.requirement} ${VERDICT_SV[v.verdict]} ${shortReason(v)}`),
    });
    const dir = await createSessionFolder(join(store.dir, CONFORMANCE_FOLDER), new Date());
    await writeConformanceReport(run, requirements, topology.journal, dir);
    const failed = run.verdicts.filter((v) => v.verdict === 'fail');
    const comment = [
      `${verdictCounts(run.verdicts)}.`,
      ...run.verdicts.map((v) => `${v.requirement} ${VERDICT_SV[v.verdict]}: ${shortReason(v)}`),
      `Catch-up-trigger: ${trigger ?? 'ingen (--catch-up-trigger saknades)'}.`,
      `Rapport: ${join(CONFORMANCE_FOLDER, dir.split(/[\\/]/).pop()!, 'conformance.md')}`,
    ].join('\n');
    store.recordCase({
      caseId: step.id,
      outcome: failed.length ? 'failed' : 'passed',
      comment,
      recordedBy: 'samverkan',
      startedAt,
      finishedAt: Date.now(),
      details: { passed: run.verdicts.filter((v) => v.verdict === 'pass').length, failed: failed.length, skipped: run.verdicts.filter((v) => v.verdict === 'not-judged').length },
    });
    log(`samverkan: ${step.id}: ${failed.length ? 'underkänt' : 'godkänt'} – ${verdictCounts(run.verdicts)}`);
  } finally {
    await topology.stop();
  }
}
