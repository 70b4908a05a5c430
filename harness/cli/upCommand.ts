/** `samverkan up`: the embedded topology as a long-running process, until Ctrl-C. */
import type { CommandModule } from 'yargs';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig, type PartyConfig } from '../topology/topologyConfig.js';
import { readTopologyFile } from '../topology/topologyFile.js';
import { isJournalChoice, JOURNAL_FORMS, parseJournalChoice, type JournalChoice } from './journalOption.js';
import { probeJournalSystem } from '../conformance/journalSystemProbe.js';

/** Where `up` keeps the traffic journal unless told otherwise. */
const DEFAULT_TRAFFIC_JOURNAL = 'reports/out/journal.sqlite';

interface UpArgs {
  redelivery?: string;
  journal?: string;
  'traffic-journal'?: string;
  'webcert-state'?: string;
  'admin-port': number;
  'webcert-port'?: number;
  'journal-port'?: number;
  'journal-url'?: string;
  'webcert-url'?: string;
  'intygstjanst-url'?: string;
  'recipients-url'?: string;
  clock: 'realtime' | 'manual';
  'eid-mode'?: 'auto' | 'manual' | 'cancel' | 'wrongPin' | 'notInstalled' | 'noAnswer';
  'card-module'?: string;
  'active-card'?: string;
  topology?: string;
}

/** Webcert's state file beside the journal file (`journal.sqlite` → `journal.webcert-state.sqlite`), in memory with it. */
export function webcertStateBeside(journalFile: string): string {
  return journalFile === ':memory:' ? ':memory:' : `${journalFile.replace(/\.sqlite$/, '')}.webcert-state.sqlite`;
}

export function upCommand(setExit: (code: number) => void): CommandModule<object, UpArgs> {
  return {
    command: 'up',
    describe: 'Start the topology (every party simulated unless a --*-url names a real one), print the URLs, serve the admin API; Ctrl-C stops it',
    builder: (y) =>
      y
        .option('redelivery', { type: 'string', describe: 'Webcert redelivery profile (forum-2022, the default; webcert-7) or a schedule like 30#1:m,5:m,1:h,6:h,12:h,1:d' })
        .option('journal', { type: 'string', describe: `The journal system: ${JOURNAL_FORMS}. (Before --traffic-journal this option named the traffic-journal file; a value that is neither form is still read so, with a note.)` })
        .option('traffic-journal', { type: 'string', describe: `Traffic journal file (SQLite; kept across restarts), or :memory: [default: ${DEFAULT_TRAFFIC_JOURNAL}]` })
        .option('webcert-state', { type: 'string', describe: "Webcert's state file (certificates, status updates, pending resends; kept across restarts), or :memory:; default beside the journal file" })
        .option('admin-port', { type: 'number', default: 0, describe: 'Admin API port on 127.0.0.1 (0 = random)' })
        .option('webcert-port', { type: 'number', describe: 'Fixed port for the Webcert simulator' })
        .option('journal-port', { type: 'number', describe: 'Fixed port for the journal-system simulator' })
        .option('journal-url', { type: 'string', describe: "A real journal system's URL (same as --journal external:<url>): status updates go there instead of the simulator" })
        .option('webcert-url', { type: 'string', describe: "A real Webcert's base URL (nothing is simulated for Webcert then)" })
        .option('intygstjanst-url', { type: 'string', describe: "A real Intygstjänsten's base URL, e.g. https://…/inera-certificate: Webcert stores, sends and revokes there" })
        .option('recipients-url', { type: 'string', describe: 'The platform where the recipients are (every logical address of the recipients file is routed there) instead of the simulated ones' })
        .option('clock', { choices: ['realtime', 'manual'] as const, default: 'realtime' as const, describe: 'realtime: virtual time follows the wall clock (move it on with POST /clock/advance); manual: it only moves when advanced' })
        .option('eid-mode', { choices: ['auto', 'manual', 'cancel', 'wrongPin', 'notInstalled', 'noAnswer'] as const, describe: 'How the SITHS eID app behaves (default auto with simulated cards, manual with a real card)' })
        .option('card-module', { type: 'string', describe: "A real card's PKCS#11 module, e.g. /usr/lib/libiidp11.so (Net iD); the holder types the PIN on the app's page" })
        .option('active-card', { type: 'string', describe: 'HSA-ID of the card in the reader' })
        .option('topology', { type: 'string', describe: 'A topology file (JSON) laid over the embedded one: parties, directory (careUnits, staff, patients), webcert, eidApp' })
        .example('$0 up', 'everything simulated on random loopback ports')
        .example('$0 up --card-module /usr/lib/libiidp11.so --active-card SE2321000016-XXXX', 'log in and sign with a real SITHS card')
        .example('$0 up --journal external:http://127.0.0.1:8080 --redelivery webcert-7', 'status updates to your journal system, Webcert 7 schedule'),
    handler: async (args) => {
      const { journal, trafficJournal } = journalOptions(args);
      const party = (url: string | undefined, port: number | undefined): PartyConfig => (url ? { mode: 'external', url } : { mode: 'simulated', port });
      const journalParty = (fallback: PartyConfig): PartyConfig => {
        if (journal?.mode === 'external') return { mode: 'external', url: journal.url };
        if (journal?.mode === 'simulated' || args['journal-port'] !== undefined) return { mode: 'simulated', port: args['journal-port'] };
        return fallback;
      };
      if (journal?.mode === 'external') {
        // `up` may well start before the journal system does: say so, but start.
        await probeJournalSystem(journal.receiver).catch((error: Error) => console.error(`samverkan: note: ${error.message}`));
      }
      const base = args.topology ? readTopologyFile(args.topology) : defaultTopologyConfig();
      const topology = await startTopology(
        defaultTopologyConfig({
          ...base,
          parties: {
            ...base.parties,
            webcert: args['webcert-url'] || args['webcert-port'] ? party(args['webcert-url'], args['webcert-port']) : base.parties.webcert,
            journal: journalParty(base.parties.journal),
            ...(args['intygstjanst-url'] && { intygstjanst: party(args['intygstjanst-url'], undefined) }),
            ...(args['recipients-url'] && { recipients: party(args['recipients-url'], undefined) }),
          },
          clock: { mode: args.clock },
          journalFile: trafficJournal,
          webcert: { ...base.webcert, redelivery: args.redelivery ?? base.webcert.redelivery, stateFile: args['webcert-state'] ?? base.webcert.stateFile ?? webcertStateBeside(trafficJournal) },
          eidApp: { ...base.eidApp, ...(args['eid-mode'] && { mode: args['eid-mode'] }), ...(args['card-module'] && { cardModule: args['card-module'] }), ...(args['active-card'] && { activeCard: args['active-card'] }) },
          admin: { port: args['admin-port'] },
        }),
      );
      console.log('samverkan: topology up');
      for (const [name, urls] of Object.entries(topology.urls())) {
        console.log(`  ${name}`);
        for (const [what, url] of Object.entries(urls)) console.log(`    ${what.padEnd(32)} ${url}`);
      }
      console.log(`  traffic journal                  ${trafficJournal}`);
      if (topology.webcert) console.log(`  webcert state                    ${topology.webcert.state.path}`);
      console.log(`  redelivery                       ${topology.webcert?.redelivery.profile ?? topology.webcert?.redelivery.schedule.notation ?? '(Webcert is external)'}`);
      console.log('Admin API: GET /parties /journal /faults /clock /webcert/notifications /webcert/certificate-queue /intygstjanst/certificates /recipients/{SKV|SOS|FKASSA|TRANSP}/inbox; POST /faults /clock/advance. Ctrl-C stops.');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      console.log('samverkan: stopping…');
      await topology.stop();
      console.log('samverkan: stopped');
      setExit(0);
    },
  };
}

/**
 * The journal system and the traffic-journal file from `--journal`, `--journal-url` and
 * `--traffic-journal`; `journal` is undefined when none of them names one (the topology decides).
 * @throws Error when the options contradict each other or a journal URL is malformed.
 */
export function journalOptions(args: Pick<UpArgs, 'journal' | 'journal-url' | 'traffic-journal'>): { journal?: JournalChoice; trafficJournal: string } {
  let trafficJournal = args['traffic-journal'];
  const fromUrl = args['journal-url'] === undefined ? undefined : parseJournalChoice(`external:${args['journal-url']}`);
  let journal: JournalChoice | undefined = fromUrl;
  if (args.journal !== undefined && isJournalChoice(args.journal)) {
    journal = parseJournalChoice(args.journal);
    const same = fromUrl === undefined || (journal.mode === 'external' && fromUrl.mode === 'external' && journal.url === fromUrl.url);
    if (!same) throw new Error(`--journal ${args.journal} and --journal-url ${args['journal-url']} name different journal systems; give one of them.`);
  } else if (args.journal !== undefined) {
    if (trafficJournal !== undefined) {
      throw new Error(`--journal "${args.journal}" is not a journal system (${JOURNAL_FORMS}) and --traffic-journal is given too; use --traffic-journal for the file.`);
    }
    console.error(`samverkan: --journal ${args.journal} is read as the traffic-journal file; that option is now --traffic-journal (--journal names the journal system: ${JOURNAL_FORMS}).`);
    trafficJournal = args.journal;
  }
  return { journal, trafficJournal: trafficJournal ?? DEFAULT_TRAFFIC_JOURNAL };
}
