/** `samverkan up`: the embedded topology as a long-running process, until Ctrl-C. */
import type { CommandModule } from 'yargs';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig, type PartyConfig } from '../topology/topologyConfig.js';
import { readTopologyFile } from '../topology/topologyFile.js';

interface UpArgs {
  redelivery?: string;
  journal: string;
  'webcert-state'?: string;
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
        .option('journal', { type: 'string', default: 'reports/out/journal.sqlite', describe: 'Traffic journal file (SQLite; kept across restarts), or :memory:' })
        .option('webcert-state', { type: 'string', describe: "Webcert's state file (certificates, status updates, pending resends; kept across restarts), or :memory:; default beside the journal file" })
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
        .example('$0 up --journal-url http://127.0.0.1:8080 --redelivery webcert-7', 'status updates to your journal system, Webcert 7 schedule'),
    handler: async (args) => {
      const party = (url: string | undefined, port: number | undefined): PartyConfig => (url ? { mode: 'external', url } : { mode: 'simulated', port });
      const base = args.topology ? readTopologyFile(args.topology) : defaultTopologyConfig();
      const topology = await startTopology(
        defaultTopologyConfig({
          ...base,
          parties: {
            ...base.parties,
            webcert: args['webcert-url'] || args['webcert-port'] ? party(args['webcert-url'], args['webcert-port']) : base.parties.webcert,
            journal: args['journal-url'] || args['journal-port'] ? party(args['journal-url'], args['journal-port']) : base.parties.journal,
          },
          clock: { mode: args.clock },
          journalFile: args.journal,
          webcert: { ...base.webcert, redelivery: args.redelivery ?? base.webcert.redelivery, stateFile: args['webcert-state'] ?? base.webcert.stateFile ?? webcertStateBeside(args.journal) },
          eidApp: { ...base.eidApp, ...(args['eid-mode'] && { mode: args['eid-mode'] }), ...(args['card-module'] && { cardModule: args['card-module'] }), ...(args['active-card'] && { activeCard: args['active-card'] }) },
          admin: { port: args['admin-port'] },
        }),
      );
      console.log('samverkan: topology up');
      for (const [name, urls] of Object.entries(topology.urls())) {
        console.log(`  ${name}`);
        for (const [what, url] of Object.entries(urls)) console.log(`    ${what.padEnd(32)} ${url}`);
      }
      console.log(`  traffic journal                  ${args.journal}`);
      if (topology.webcert) console.log(`  webcert state                    ${topology.webcert.state.path}`);
      console.log(`  redelivery                       ${topology.webcert?.redelivery.profile ?? topology.webcert?.redelivery.schedule.notation ?? '(Webcert is external)'}`);
      console.log('Admin API: GET /parties /journal /faults /clock /webcert/notifications; POST /faults /clock/advance. Ctrl-C stops.');
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
