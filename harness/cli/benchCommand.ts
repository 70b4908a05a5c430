/**
 * `samverkan bench`: the journal receiver's throughput against a bare node:http baseline, as a ratio;
 * the receiver's layers one at a time against the same baseline (`--layers`); how fast both SOAP
 * endpoints refuse the inputs a CXF stack refuses, next to a valid message; state at volume; a share
 * of the month's replay and the month's floor (its exchanges over bare node:http, decision 0049); and
 * the CLI's start-up times against a bare node start, each measured in the same run.
 */
import type { CommandModule } from 'yargs';
import type { LoadBenchFigures } from '../../bench/loadBench.js';

interface BenchArgs {
  seconds: number;
  concurrency: number;
  rounds: number;
  certificates: number;
  'startup-runs': number;
  only?: 'receiver' | 'startup' | 'floor';
  session: boolean;
  'session-group': string;
  'session-region': string;
  layers: boolean;
  'load-scale': number;
  'load-month': string;
  'floor-certificates': number;
}

export function benchCommand(setExit: (code: number) => void): CommandModule<object, BenchArgs> {
  return {
    command: 'bench',
    describe: "Measure the journal receiver's requests per second next to a bare node:http responder, and the CLI's start-up (--help, up until every URL, schedule --check) next to a bare node start (loopback only)",
    builder: (y) =>
      y
        .option('seconds', { type: 'number', default: 3, describe: 'Seconds of load per target per round' })
        .option('concurrency', { type: 'number', default: 16, describe: 'Requests in flight' })
        .option('rounds', { type: 'number', default: 2, describe: 'Rounds; each alternates half-second slices between the targets, and the ratio is the median of neighbouring slices' })
        .option('layers', { type: 'boolean', default: true, describe: "Also measure the receiver's layers one at a time (msw, xmldom, lean scan, journal inserts), 1 s slices, 3 rounds" })
        .option('certificates', { type: 'number', default: 20_000, describe: 'CreateDraft calls of the state-at-volume bench (at least 2,000)' })
        .option('startup-runs', { type: 'number', default: 5, describe: 'Timed runs of each start-up figure; the median is compared' })
        .option('only', { choices: ['receiver', 'startup', 'floor'] as const, describe: "Run one part only: the receiver and state figures, the start-up figures, or the month's floor (with the load share, unless --load-scale 0)" })
        .option('session', { type: 'boolean', default: true, describe: "Also run one vendor group's whole automated session (--no-session skips it: it takes minutes)" })
        .option('session-group', { type: 'string', default: 'cosmic', describe: 'Vendor group of the session bench' })
        .option('load-scale', { type: 'number', default: 0.002, describe: "Share of a month's replay (samverkan load) to measure on the embedded topology; 0 skips it (1 = the whole month: hours on 2 cores)" })
        .option('load-month', { type: 'string', default: '2022-05', describe: 'Month of the load figure' })
        .option('floor-certificates', { type: 'number', default: 1_000, describe: "Certificates' exchanges per run of the month's floor (the replay's exchanges over bare node:http, 3 rounds); 0 skips it" })
        .option('session-region', { type: 'string', default: 'varmland', describe: 'Region of the session bench' }),
    handler: async (args) => {
      if (!(args.seconds > 0 && args.seconds <= 60)) throw new Error('--seconds must be between 0 and 60');
      if (!(Number.isInteger(args.concurrency) && args.concurrency >= 1 && args.concurrency <= 256)) throw new Error('--concurrency must be a whole number 1..256');
      if (!(Number.isInteger(args.rounds) && args.rounds >= 1 && args.rounds <= 10)) throw new Error('--rounds must be a whole number 1..10');
      if (!(Number.isInteger(args['startup-runs']) && args['startup-runs'] >= 1 && args['startup-runs'] <= 20)) throw new Error('--startup-runs must be a whole number 1..20');
      if (!(Number.isInteger(args['floor-certificates']) && args['floor-certificates'] >= 0 && args['floor-certificates'] <= 100_000)) throw new Error('--floor-certificates must be a whole number 0..100000');
      const log = (line: string) => console.log(line);
      if (args.only === 'floor') {
        await runLoadAndFloor(args, log);
        setExit(0);
        return;
      }
      if (args.only !== 'startup') {
        console.log(`samverkan bench: ${args.rounds} round(s) × ${args.seconds} s per target, ${args.concurrency} requests in flight, 127.0.0.1 only`);
        const { runJournalReceiverBench } = await import('../../bench/journalReceiverBench.js');
        await runJournalReceiverBench({ ...args, log });
        if (args.layers) {
          console.log('');
          const { runReceiverLayersBench } = await import('../../bench/receiverLayersBench.js');
          await runReceiverLayersBench({ seconds: 1, rounds: 3, concurrency: args.concurrency, log });
        }
        console.log('');
        const { runStrictXmlBench } = await import('../../bench/strictXmlBench.js');
        await runStrictXmlBench({ repeats: 20, log });
        console.log('');
        const { runScaleBenches } = await import('../../bench/scaleBenches.js');
        await runScaleBenches({ certificates: args.certificates, log });
        await runLoadAndFloor(args, log);
        if (args.session) {
          console.log('');
          const { runSessionBench } = await import('../../bench/sessionBench.js');
          await runSessionBench({ vendorGroup: args['session-group'], region: args['session-region'], log });
        }
      }
      if (args.only !== 'receiver') {
        if (args.only !== 'startup') console.log('');
        console.log(`samverkan bench: start-up, ${args['startup-runs']} timed run(s) of each figure as a child process`);
        const { runStartupBench } = await import('../../bench/startupBench.js');
        await runStartupBench({ runs: args['startup-runs'], log });
      }
      setExit(0);
    },
  };
}

/** The share of the month's replay (`--load-scale`), then the month's floor with the replay's CPU figure beside it. */
async function runLoadAndFloor(args: BenchArgs, log: (line: string) => void): Promise<void> {
  let replay: LoadBenchFigures | undefined;
  if (args['load-scale'] > 0) {
    console.log('');
    const { runLoadBench } = await import('../../bench/loadBench.js');
    replay = await runLoadBench({ month: args['load-month'], scale: args['load-scale'], log });
  }
  if (args['floor-certificates'] > 0) {
    console.log('');
    const { runReplayFloorBench } = await import('../../bench/replayFloorBench.js');
    await runReplayFloorBench({
      certificates: args['floor-certificates'],
      rounds: 3,
      concurrency: 16,
      replay: replay && replay.issued > 0
        ? { name: `the replay (load --scale ${args['load-scale']})`, cpuMsPerCertificate: (replay.cpuSeconds * 1000) / replay.issued, note: `${replay.issued} certificates, this run` }
        : undefined,
      log,
    });
  }
}
