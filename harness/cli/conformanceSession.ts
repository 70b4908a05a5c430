/** What `samverkan conformance` does once its options are read: probe, start, run the suite, report. */
import { join } from 'node:path';
import { runConformanceSuite } from '../conformance/conformanceRunner.js';
import { verdictCounts, writeConformanceReport } from '../conformance/conformanceReport.js';
import { probeJournalSystem } from '../conformance/journalSystemProbe.js';
import { checkCatchUpTrigger } from '../conformance/catchUpStep.js';
import { selectRequirements } from '../conformance/requirements.js';
import { shortReason } from '../conformance/verdicts.js';
import { parseDuration } from '../admin/durations.js';
import { createSessionFolder } from '../session/sessionFolder.js';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import type { ConformanceArgs } from './conformanceCommand.js';
import { parseJournalChoice } from './journalOption.js';

/** Runs the suite against the journal system `args` name; resolves with the exit code (1 when a requirement fails; one not judged does not fail the run). */
export async function runConformance(args: ConformanceArgs): Promise<number> {
  const choice = parseJournalChoice(args.journal);
  const answerBoundMs = parseDuration(args['answer-bound']);
  const probeTimeoutMs = parseDuration(args['probe-timeout']);
  if (answerBoundMs <= 0) throw new Error('--answer-bound must be more than 0, e.g. 10s');
  const requirements = selectRequirements(args.requirement ?? []);
  const schemaRoot = requireSchemaRoot();
  const catchUpTrigger = args['catch-up-trigger'] === undefined ? undefined : checkCatchUpTrigger(args['catch-up-trigger']);
  if (choice.mode === 'external') {
    const status = await probeJournalSystem(choice.receiver, probeTimeoutMs);
    console.log(`samverkan: the journal system at ${choice.receiver} answers (HTTP ${status} to GET ?wsdl)`);
  }
  const topology = await startTopology(
    defaultTopologyConfig({
      parties: {
        webcert: { mode: 'simulated', port: args['webcert-port'] },
        journal: choice.mode === 'external' ? { mode: 'external', url: choice.url } : { mode: 'simulated' },
        identity: { mode: 'none' },
      },
      journalFile: args['traffic-journal'],
      webcert: { notificationTimeoutMs: answerBoundMs },
    }),
  );
  try {
    const urls = topology.urls();
    console.log(`samverkan: status updates go to ${urls.journal?.certificateStatusUpdateForCare ?? urls.journal?.base}`);
    console.log(`  Webcert simulator (the journal system's own calls): CreateDraftCertificate ${urls.webcert?.createDraftCertificate}, launch ${urls.webcert?.launch}`);
    console.log(`  answer bound ${answerBoundMs} ms; ${requirements.length} requirements`);
    const run = await runConformanceSuite({
      topology,
      schemaRoot,
      requirements,
      catchUpTrigger,
      onVerdict: (v) => console.log(`  ${v.requirement} ${v.verdict.toUpperCase().padEnd(4)} ${shortReason(v)}`),
    });
    const dir = await createSessionFolder(args.out, new Date());
    const files = await writeConformanceReport(run, requirements, topology.journal, dir);
    console.log(`samverkan: ${verdictCounts(run.verdicts)}`);
    console.log(`  ${files.markdown}\n  ${files.json}\n  ${join(dir, 'traffic.jsonl')} (${run.entryIds.length} exchanges)`);
    return run.verdicts.some((v) => v.verdict === 'fail') ? 1 : 0;
  } finally {
    await topology.stop();
  }
}
