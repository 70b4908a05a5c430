/**
 * `samverkan up`: the embedded topology as a long-running process, until Ctrl-C.
 *
 * Only the option definitions live here; the topology modules are imported when the command
 * runs, so `samverkan --help` and the other commands do not pay for loading them.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_STATE_DIR } from '../topology/topologyConfig.js';

export interface UpArgs {
  redelivery?: string;
  journal: string;
  'state-dir': string;
  'admin-port': number;
  'webcert-port'?: number;
  'journal-port'?: number;
  'journal-url'?: string;
  'webcert-url'?: string;
  clock: 'realtime' | 'manual';
  'eid-mode'?: 'auto' | 'manual' | 'cancel' | 'wrongPin' | 'notInstalled' | 'noAnswer';
  'card-module'?: string;
  'active-card'?: string;
  topology?: string;
}

export function upCommand(setExit: (code: number) => void): CommandModule<object, UpArgs> {
  return {
    command: 'up',
    describe: 'Start the topology (every party simulated unless a --*-url names a real one), print the URLs, serve the admin API; Ctrl-C stops it',
    builder: (y) =>
      y
        .option('redelivery', { type: 'string', describe: 'Webcert redelivery profile (forum-2022, the default; webcert-7) or a schedule like 30#1:m,5:m,1:h,6:h,12:h,1:d' })
        .option('journal', { type: 'string', default: 'reports/out/journal.sqlite', describe: 'Traffic journal file (SQLite; kept across restarts), or :memory:. One running up per file' })
        .option('state-dir', { type: 'string', default: DEFAULT_STATE_DIR, describe: 'State folder (test PKI, credentials, simulated cards). One running up per folder' })
        .option('admin-port', { type: 'number', default: 0, describe: 'Admin API port on 127.0.0.1 (0 = random)' })
        .option('webcert-port', { type: 'number', describe: 'Fixed port for the Webcert simulator' })
        .option('journal-port', { type: 'number', describe: 'Fixed port for the journal-system simulator' })
        .option('journal-url', { type: 'string', describe: "A real journal system's base URL: status updates go there instead of the simulator" })
        .option('webcert-url', { type: 'string', describe: "A real Webcert's base URL (nothing is simulated for Webcert then)" })
        .option('clock', { choices: ['realtime', 'manual'] as const, default: 'realtime' as const, describe: 'realtime: virtual time follows the wall clock (move it on with POST /clock/advance); manual: it only moves when advanced' })
        .option('eid-mode', { choices: ['auto', 'manual', 'cancel', 'wrongPin', 'notInstalled', 'noAnswer'] as const, describe: 'How the SITHS eID app behaves (default auto with simulated cards, manual with a real card)' })
        .option('card-module', { type: 'string', describe: "A real card's PKCS#11 module, e.g. /usr/lib/libiidp11.so (Net iD); the holder types the PIN on the app's page" })
        .option('active-card', { type: 'string', describe: 'HSA-ID of the card in the reader' })
        .option('topology', { type: 'string', describe: 'A topology file (JSON) laid over the embedded one: parties, directory (careUnits, staff, patients), webcert, eidApp' })
        .example('$0 up', 'everything simulated on random loopback ports')
        .example('$0 up --card-module /usr/lib/libiidp11.so --active-card SE2321000016-XXXX', 'log in and sign with a real SITHS card')
        .example('$0 up --journal-url http://127.0.0.1:8080 --redelivery webcert-7', 'status updates to your journal system, Webcert 7 schedule')
        .epilog('A second up on the same --state-dir or --journal is refused at once, naming the process that has it. Ctrl-C (or SIGTERM, also sent to npx/npm) stops; a second Ctrl-C stops at once.'),
    handler: async (args) => {
      const { runUp } = await import('./upSession.js');
      setExit(await runUp(args));
    },
  };
}
