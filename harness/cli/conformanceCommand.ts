/**
 * `samverkan conformance --journal external:<url>`: the journal-system conformance suite. The
 * Webcert simulator sends its status updates to the journal system, every answer is judged, and
 * the verdicts are printed and written with the traffic as evidence.
 */
import type { CommandModule } from 'yargs';
import { JOURNAL_FORMS } from './journalOption.js';

/** Webcert's CXF client timeout in seconds (the simulator's DEFAULT_NOTIFICATION_TIMEOUT_MS), the default answer bound. */
export const WEBCERT_CLIENT_TIMEOUT_S = 60;
/** How long the probe waits by default, in seconds (journalSystemProbe's DEFAULT_PROBE_TIMEOUT_MS). */
export const PROBE_TIMEOUT_S = 3;

export interface ConformanceArgs {
  journal: string;
  'answer-bound': string;
  requirement?: string[];
  out: string;
  'probe-timeout': string;
  'webcert-port'?: number;
  'traffic-journal': string;
  'catch-up-trigger'?: string;
}

/**
 * The command's options; the suite's modules are imported when it runs, so `samverkan --help` and
 * the other commands do not pay for loading them.
 */
export function conformanceCommand(setExit: (code: number) => void): CommandModule<object, ConformanceArgs> {
  return {
    command: 'conformance',
    describe: "Run the journal-system conformance suite: Webcert's status updates to the journal system, every answer judged (XSD, resultCode, time), a verdict per requirement with the traffic as evidence",
    builder: (y) =>
      y
        .option('journal', { type: 'string', demandOption: true, describe: `The journal system under test: ${JOURNAL_FORMS}` })
        .option('answer-bound', { type: 'string', default: `${WEBCERT_CLIENT_TIMEOUT_S}s`, describe: "Webcert's client timeout: every answer must be complete within it (e.g. 10s)" })
        .option('requirement', { type: 'string', array: true, describe: 'Only these requirements, e.g. JR-S02 JR-S04 (default all)' })
        .option('out', { type: 'string', default: 'reports/out/conformance', describe: 'Folder for run folders (conformance.json, conformance.md, traffic.jsonl)' })
        .option('probe-timeout', { type: 'string', default: `${PROBE_TIMEOUT_S}s`, describe: 'How long to wait for the journal system to answer at all before anything is sent' })
        .option('webcert-port', { type: 'number', describe: "Fixed port for the Webcert simulator (where the journal system's own CreateDraftCertificate and launch go)" })
        .option('traffic-journal', { type: 'string', default: ':memory:', describe: 'Traffic journal file (SQLite) or :memory:; the run\'s traffic is written as traffic.jsonl either way' })
        .option('catch-up-trigger', { type: 'string', describe: "URL the suite POSTs {personId, unit, webcertUrl} to so the journal system calls ListCertificatesForCareWithQA v3 (JR-O02; not judged without it)" })
        .example('$0 conformance --journal external:http://127.0.0.1:8080', 'a journal system on this machine (its base URL)')
        .example('$0 conformance --journal external:http://127.0.0.1:8080/ws/status --answer-bound 10s --requirement JR-S04', 'its receiver URL, one requirement'),
    handler: async (args) => {
      const { runConformance } = await import('./conformanceSession.js');
      setExit(await runConformance(args));
    },
  };
}
