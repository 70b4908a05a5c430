/**
 * `samverkan up`: the embedded topology as a long-running process, until Ctrl-C.
 *
 * Only the option definitions live here; the topology modules are imported when the command
 * runs, so `samverkan --help` and the other commands do not pay for loading them.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_STATE_DIR } from '../topology/topologyConfig.js';
import { isJournalChoice, JOURNAL_FORMS, parseJournalChoice, type JournalChoice } from './journalOption.js';

/** Where `up` keeps the traffic journal unless told otherwise. */
export const DEFAULT_TRAFFIC_JOURNAL = 'reports/out/journal.sqlite';

export interface UpArgs {
  redelivery?: string;
  journal?: string;
  'traffic-journal'?: string;
  'webcert-state'?: string;
  'state-dir': string;
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

/** Intygstjänsten's state file beside the journal file (`journal.sqlite` → `journal.intygstjanst-state.sqlite`), in memory with it. */
export function intygstjanstStateBeside(journalFile: string): string {
  return journalFile === ':memory:' ? ':memory:' : `${journalFile.replace(/\.sqlite$/, '')}.intygstjanst-state.sqlite`;
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
        .option('state-dir', { type: 'string', default: DEFAULT_STATE_DIR, describe: 'State folder (test PKI, credentials, simulated cards). One running up per folder' })
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
        .example('$0 up --journal external:http://127.0.0.1:8080 --redelivery webcert-7', 'status updates to your journal system, Webcert 7 schedule')
        .epilog('A second up on the same --state-dir or --traffic-journal is refused at once, naming the process that has it. Ctrl-C (or SIGTERM, also sent to npx/npm) stops; a second Ctrl-C stops at once.'),
    handler: async (args) => {
      const { runUp } = await import('./upSession.js');
      setExit(await runUp(args));
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
