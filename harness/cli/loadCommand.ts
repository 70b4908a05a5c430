/**
 * `samverkan load --month 2022-05`: a month of the forum's statistics replayed through the
 * simulators over the network in virtual time (docs/decisions/0022). Its modules load when it runs.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_HEAP_MB, parseHeapMb } from '../load/heapCap.js';
import { JOURNAL_FORMS } from './journalOption.js';

export interface LoadArgs {
  month: string;
  regions?: string[];
  speed: string;
  journal: string;
  scale: number;
  days?: number;
  'state-dir': string;
  resume: boolean;
  concurrency: number;
  shards?: string;
  'heap-mb'?: string;
  'shard-child'?: boolean;
  'replay-child'?: boolean;
  'launch-plan'?: boolean;
  'launch-summary'?: boolean;
}

/** `max`, or `100x` / `100` (virtual time that many times the wall clock). @throws Error with the forms */
export function parseSpeed(text: string): number | 'max' {
  if (text === 'max') return 'max';
  const m = /^(\d+(?:\.\d+)?)x?$/.exec(text.trim());
  const factor = m ? Number(m[1]) : NaN;
  if (!(factor >= 1 && factor <= 1_000_000)) throw new Error(`--speed "${text}" is not a speed; use max (as fast as it goes) or a factor such as 100x (virtual time 100 times the wall clock, 1x to 1000000x)`);
  return factor;
}

/**
 * `--shards`: a whole number of processes, 1 to 64 (absent: the default, decided later).
 * @throws Error saying what is accepted
 */
export function parseShards(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(String(text)) ? Number(text) : NaN;
  if (!(Number.isInteger(n) && n >= 1 && n <= 64)) {
    throw new Error(`--shards "${text}" is not a number of shards; give a whole number from 1 to 64 (processes, each with a topology of its own and some of the regions; default: the number of cores, at most one per region; 1 runs in one replay process)`);
  }
  return n;
}

export function loadCommand(setExit: (code: number) => void): CommandModule<object, LoadArgs> {
  return {
    command: 'load',
    describe: "Replay a month of the forum's statistics (certificates per region and type) through the simulators in virtual time: drafts, edits, signatures, sends, revocations and every status update",
    builder: (y) =>
      y
        .option('month', { type: 'string', demandOption: true, describe: 'The month of the statistics: 2022-04 or 2022-05' })
        .option('regions', { type: 'string', array: true, describe: 'Only these regions (ids of data/regions.json, e.g. varmland); default all with journal-system traffic that month' })
        .option('speed', { type: 'string', default: 'max', describe: 'max, or a factor such as 100x: virtual time that many times faster than the wall clock (paces an external journal system)' })
        .option('journal', { type: 'string', default: 'sim', describe: `Where the status updates go: ${JOURNAL_FORMS}` })
        .option('scale', { type: 'number', default: 1, describe: "A share of the month's certificates, e.g. 0.1 (same shape, fewer certificates)" })
        .option('days', { type: 'number', describe: 'Only the first days of the month, e.g. 1' })
        .option('state-dir', { type: 'string', default: 'reports/out/load', describe: "Folder for Webcert's state, the traffic journal and the replay's progress (cleared unless --resume)" })
        .option('resume', { type: 'boolean', default: false, describe: 'Go on with the replay in --state-dir after a stop or a crash' })
        .option('concurrency', { type: 'number', default: 16, describe: 'Steps in flight at once (per shard)' })
        .option('shards', { type: 'string', describe: 'Processes to run the replay in, the regions dealt out so their certificates balance; default the number of cores, at most one per region; 1 = one replay process' })
        .option('heap-mb', {
          type: 'string',
          describe: `MiB of V8's heap (old space) for each replay process (the one, or each shard), so the RSS stays low; default ${DEFAULT_HEAP_MB}; none (or 0): V8's own limit (about 4 GB here). A --max-old-space-size in NODE_OPTIONS wins over it`,
        })
        .option('shard-child', { type: 'boolean', hidden: true })
        .option('replay-child', { type: 'boolean', hidden: true })
        .option('launch-plan', { type: 'boolean', hidden: true })
        .option('launch-summary', { type: 'boolean', hidden: true })
        .example('$0 load --month 2022-05 --speed max', 'the whole month on the embedded topology, as fast as it goes')
        .example('$0 load --month 2022-05 --regions varmland --speed 100x --journal external:http://127.0.0.1:8080', 'one region against your journal system, paced')
        .example('$0 load --month 2022-05 --scale 0.1', 'a tenth of the month')
        .example('$0 load --month 2022-05 --scale 0.1 --shards 1', 'the same in one process')
        .example('$0 load --month 2022-05 --heap-mb 512 --resume', 'go on after the replay ran out of heap, with a larger cap'),
    handler: async (args) => {
      const speed = parseSpeed(args.speed);
      const { parseJournalChoice } = await import('./journalOption.js');
      const journal = parseJournalChoice(args.journal);
      if (!(Number.isInteger(args.concurrency) && args.concurrency >= 1 && args.concurrency <= 256)) throw new Error('--concurrency must be a whole number 1..256');
      const shardCount = parseShards(args.shards);
      const heapMb = parseHeapMb(args['heap-mb']);
      const { runLoad } = await import('../load/loadRun.js');
      setExit(await runLoad({ ...args, speedValue: speed, journalChoice: journal, ...(shardCount !== undefined ? { shardCount } : {}), ...(heapMb !== undefined ? { heapCapAsked: heapMb } : {}) }));
    },
  };
}
