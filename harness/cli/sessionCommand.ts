/**
 * `samverkan session start|resume|list|report`: a half-day samverkanstest for a vendor group and
 * region, its automated cases through Playwright and its manual steps waiting for a person in the
 * terminal or on the session page; every step kept in SQLite, so a kill loses nothing.
 */
import type { Argv, CommandModule } from 'yargs';

/** The session modules, loaded when a session subcommand runs (so `--help` and other commands stay quick). */
const sessions = () => import('../sessions/sessionLifecycle.js');

interface SessionArgs {
  'sessions-dir'?: string;
}

interface StartArgs extends SessionArgs {
  'vendor-group': string;
  region: string;
  journal: string;
  data?: string;
  topology?: string;
  only?: string[];
  'automated-only': boolean;
  participant?: string[];
  software?: string[];
  input: boolean;
  'page-port'?: number;
  workers?: number;
  'catch-up-trigger'?: string;
  requirement?: string[];
}

interface PlanArgs extends SessionArgs {
  'vendor-group': string;
  region: string;
  journal: string;
  data?: string;
  topology?: string;
  only?: string[];
  'automated-only': boolean;
}

interface ResumeArgs extends SessionArgs {
  id: string;
  input: boolean;
  'page-port'?: number;
  workers?: number;
}

interface ReportArgs extends SessionArgs {
  id: string;
  pdf: boolean;
}

const log = (line: string) => console.log(line);

const runOptions = (y: Argv<SessionArgs>) =>
  y
    .option('input', { type: 'boolean', default: true, describe: 'Ask for manual results in the terminal when it is one (--no-input: only the session page)' })
    .option('page-port', { type: 'number', describe: 'Port of the session page on 127.0.0.1 (default: the one it had, else any free one)' })
    .option('workers', { type: 'number', describe: 'Playwright workers for the automated cases' });

export function sessionCommand(setExit: (code: number) => void): CommandModule<object, SessionArgs> {
  return {
    command: 'session <command>',
    describe: 'A samverkanstest session for a vendor group and region: plan, start, resume, list, report',
    builder: (y) =>
      y
        .option('sessions-dir', { type: 'string', describe: 'Folder of the sessions (default reports/out/sessions, or SAMVERKAN_SESSIONS_DIR)' })
        .command<StartArgs>({
          command: 'start',
          describe: 'Plan the half day for a vendor group and region and run it',
          builder: (s) =>
            runOptions(s)
              .option('vendor-group', { type: 'string', demandOption: true, describe: 'cerner, cgm-j4, cosmic, evimeria, kliniken, sussa, takecare or vas (data/vendor-groups.json)' })
              .option('region', { type: 'string', demandOption: true, describe: 'A region or agent of the group, e.g. varmland (data/regions.json)' })
              .option('journal', { type: 'string', default: 'sim', describe: 'sim, or external:<url> for your journal system (its CertificateStatusUpdateForCare receiver)' })
              .option('data', { type: 'string', describe: 'Folder with the data files (default data/)' })
              .option('topology', { type: 'string', describe: 'A topology file (JSON) for the manual steps: your units, users, patients' })
              .option('only', { type: 'string', array: true, describe: 'Only these cases of the plan (a base id such as signera takes all its variants)' })
              .option('automated-only', { type: 'boolean', default: false, describe: 'Only the automated cases' })
              .option('participant', { type: 'string', array: true, describe: '"Namn, roll, organisation" for the protocol (repeat)' })
              .option('software', { type: 'string', array: true, describe: '"what=version" for the protocol, e.g. "Journalsystem=Cosmic R8.2" (repeat)' })
              .option('catch-up-trigger', { type: 'string', describe: "With --journal external:<url>: your journal system's URL (http://127.0.0.1…) that the conformance case POSTs {personId, unit, webcertUrl} to, so it calls ListCertificatesForCareWithQA v3 (JR-O02; not judged without it). Kept in the session; resume uses it" })
              .option('requirement', { type: 'string', array: true, describe: 'Only these requirements in the conformance case, e.g. JR-S04 JR-O02 (default all)' })
              .example('$0 session start --vendor-group cosmic --region varmland', 'the whole half day with the simulated journal system')
              .example('$0 session start --vendor-group takecare --region stockholm-gotland --journal external:http://127.0.0.1:8080', 'with your journal system')
              .example('$0 session start --vendor-group takecare --region stockholm-gotland --journal external:http://127.0.0.1:8080 --catch-up-trigger http://127.0.0.1:8080/catch-up', 'with its catch-up trigger (JR-O02)')
              .example('$0 session start --vendor-group cosmic --region varmland --automated-only', 'only the automated cases'),
          handler: async (a) => {
            const { end } = await (await sessions()).startSession({
              vendorGroup: a['vendor-group'],
              region: a.region,
              journal: a.journal,
              dataDir: a.data,
              sessionsDir: a['sessions-dir'],
              topologyFile: a.topology,
              only: a.only,
              automatedOnly: a['automated-only'],
              participants: a.participant,
              software: a.software,
              catchUpTrigger: a['catch-up-trigger'],
              requirements: a.requirement,
              noInput: !a.input,
              pagePort: a['page-port'],
              workers: a.workers,
              log,
            });
            setExit(end.kind === 'paused' ? 130 : 0);
          },
        })
        .command<PlanArgs>({
          command: 'plan',
          describe: "Print the half day's plan for a vendor group and region (Markdown), without starting it",
          builder: (s) =>
            s
              .option('vendor-group', { type: 'string', demandOption: true, describe: 'cerner, cgm-j4, cosmic, evimeria, kliniken, sussa, takecare or vas' })
              .option('region', { type: 'string', demandOption: true, describe: 'A region or agent of the group' })
              .option('journal', { type: 'string', default: 'sim', describe: 'sim or external:<url>' })
              .option('data', { type: 'string', describe: 'Folder with the data files (default data/)' })
              .option('topology', { type: 'string', describe: 'A topology file (JSON): your units, users, patients' })
              .option('only', { type: 'string', array: true, describe: 'Only these cases' })
              .option('automated-only', { type: 'boolean', default: false, describe: 'Only the automated cases' }),
          handler: async (a) => {
            const { planMarkdown } = await import('../sessions/plan/planText.js');
            console.log(planMarkdown((await sessions()).planSession({ vendorGroup: a['vendor-group'], region: a.region, journal: a.journal, dataDir: a.data, topologyFile: a.topology, only: a.only, automatedOnly: a['automated-only'] })));
            setExit(0);
          },
        })
        .command<ResumeArgs>({
          command: 'resume <id>',
          describe: 'Go on with a session from its first case without a result',
          builder: (s) => runOptions(s).positional('id', { type: 'string', demandOption: true, describe: 'The session id (see session list)' }),
          handler: async (a) => {
            const end = await (await sessions()).resumeSession(a.id, { sessionsDir: a['sessions-dir'], noInput: !a.input, pagePort: a['page-port'], workers: a.workers, log });
            setExit(end.kind === 'paused' ? 130 : 0);
          },
        })
        .command<SessionArgs>({
          command: 'list',
          describe: 'The sessions there are, with their state',
          handler: async (a) => {
            for (const line of (await sessions()).listSessions(a['sessions-dir'])) console.log(line);
            setExit(0);
          },
        })
        .command<ReportArgs>({
          command: 'report <id>',
          describe: "Build a session's Allure report, protocol (HTML) and PDF again",
          builder: (s) => s.positional('id', { type: 'string', demandOption: true }).option('pdf', { type: 'boolean', default: true, describe: 'Also print the protocol to PDF with Chromium' }),
          handler: async (a) => {
            const evidence = await (await sessions()).reportSession(a.id, { sessionsDir: a['sessions-dir'], log, pdf: a.pdf });
            setExit(evidence.problems.length ? 1 : 0);
          },
        })
        .demandCommand(1, 'Name a session command: plan, start, resume, list or report'),
    handler: () => undefined,
  };
}
