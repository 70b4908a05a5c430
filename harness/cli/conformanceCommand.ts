/**
 * `samverkan conformance --journal external:<url>`: the journal-system conformance suite. The
 * Webcert simulator sends its status updates to the journal system, every answer is judged, and
 * the verdicts are printed and written with the traffic as evidence.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { runConformanceSuite } from '../conformance/conformanceRunner.js';
import { verdictCounts, writeConformanceReport } from '../conformance/conformanceReport.js';
import { DEFAULT_PROBE_TIMEOUT_MS, probeJournalSystem } from '../conformance/journalSystemProbe.js';
import { selectRequirements } from '../conformance/requirements.js';
import { shortReason } from '../conformance/verdicts.js';
import { parseDuration } from '../admin/durations.js';
import { createSessionFolder } from '../session/sessionFolder.js';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { DEFAULT_NOTIFICATION_TIMEOUT_MS } from '../../simulators/webcert/webcertSimulator.js';
import { JOURNAL_FORMS, parseJournalChoice } from './journalOption.js';

interface ConformanceArgs {
  journal: string;
  'answer-bound': string;
  requirement?: string[];
  out: string;
  'probe-timeout': string;
  'webcert-port'?: number;
  'traffic-journal': string;
}

export function conformanceCommand(setExit: (code: number) => void): CommandModule<object, ConformanceArgs> {
  return {
    command: 'conformance',
    describe: "Run the journal-system conformance suite: Webcert's status updates to the journal system, every answer judged (XSD, resultCode, time), a verdict per requirement with the traffic as evidence",
    builder: (y) =>
      y
        .option('journal', { type: 'string', demandOption: true, describe: `The journal system under test: ${JOURNAL_FORMS}` })
        .option('answer-bound', { type: 'string', default: `${DEFAULT_NOTIFICATION_TIMEOUT_MS / 1000}s`, describe: "Webcert's client timeout: every answer must be complete within it (e.g. 10s)" })
        .option('requirement', { type: 'string', array: true, describe: 'Only these requirements, e.g. JR-S02 JR-S04 (default all)' })
        .option('out', { type: 'string', default: 'reports/out/conformance', describe: 'Folder for run folders (conformance.json, conformance.md, traffic.jsonl)' })
        .option('probe-timeout', { type: 'string', default: `${DEFAULT_PROBE_TIMEOUT_MS / 1000}s`, describe: 'How long to wait for the journal system to answer at all before anything is sent' })
        .option('webcert-port', { type: 'number', describe: "Fixed port for the Webcert simulator (where the journal system's own CreateDraftCertificate and launch go)" })
        .option('traffic-journal', { type: 'string', default: ':memory:', describe: 'Traffic journal file (SQLite) or :memory:; the run\'s traffic is written as traffic.jsonl either way' })
        .example('$0 conformance --journal external:http://127.0.0.1:8080', 'a journal system on this machine (its base URL)')
        .example('$0 conformance --journal external:http://127.0.0.1:8080/ws/status --answer-bound 10s --requirement JR-S04', 'its receiver URL, one requirement'),
    handler: async (args) => {
      const choice = parseJournalChoice(args.journal);
      const answerBoundMs = parseDuration(args['answer-bound']);
      const probeTimeoutMs = parseDuration(args['probe-timeout']);
      if (answerBoundMs <= 0) throw new Error('--answer-bound must be more than 0, e.g. 10s');
      const requirements = selectRequirements(args.requirement ?? []);
      const schemaRoot = requireSchemaRoot();
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
          onVerdict: (v) => console.log(`  ${v.requirement} ${v.verdict.toUpperCase().padEnd(4)} ${shortReason(v)}`),
        });
        const dir = await createSessionFolder(args.out, new Date());
        const files = await writeConformanceReport(run, requirements, topology.journal, dir);
        console.log(`samverkan: ${verdictCounts(run.verdicts)}`);
        console.log(`  ${files.markdown}\n  ${files.json}\n  ${join(dir, 'traffic.jsonl')} (${run.entryIds.length} exchanges)`);
        setExit(run.verdicts.every((v) => v.verdict === 'pass') ? 0 : 1);
      } finally {
        await topology.stop();
      }
    },
  };
}
