/**
 * `samverkan bench`: the journal receiver's throughput against a bare node:http baseline, as a ratio;
 * the receiver's layers one at a time against the same baseline (`--layers`); then how fast both
 * SOAP endpoints refuse the inputs a CXF stack refuses, next to a valid message.
 */
import type { CommandModule } from 'yargs';
import { runJournalReceiverBench } from '../../bench/journalReceiverBench.js';
import { runReceiverLayersBench } from '../../bench/receiverLayersBench.js';
import { runStrictXmlBench } from '../../bench/strictXmlBench.js';

interface BenchArgs {
  seconds: number;
  concurrency: number;
  rounds: number;
  layers: boolean;
}

export function benchCommand(setExit: (code: number) => void): CommandModule<object, BenchArgs> {
  return {
    command: 'bench',
    describe: "Measure the journal receiver's requests per second next to a bare node:http responder (loopback only)",
    builder: (y) =>
      y
        .option('seconds', { type: 'number', default: 3, describe: 'Seconds of load per target per round' })
        .option('concurrency', { type: 'number', default: 16, describe: 'Requests in flight' })
        .option('rounds', { type: 'number', default: 2, describe: 'Rounds; each alternates half-second slices between the targets, and the ratio is the median of neighbouring slices' })
        .option('layers', { type: 'boolean', default: true, describe: "Also measure the receiver's layers one at a time (msw, xmldom, lean scan, journal inserts), 1 s slices, 3 rounds" }),
    handler: async (args) => {
      if (!(args.seconds > 0 && args.seconds <= 60)) throw new Error('--seconds must be between 0 and 60');
      if (!(Number.isInteger(args.concurrency) && args.concurrency >= 1 && args.concurrency <= 256)) throw new Error('--concurrency must be a whole number 1..256');
      if (!(Number.isInteger(args.rounds) && args.rounds >= 1 && args.rounds <= 10)) throw new Error('--rounds must be a whole number 1..10');
      console.log(`samverkan bench: ${args.rounds} round(s) × ${args.seconds} s per target, ${args.concurrency} requests in flight, 127.0.0.1 only`);
      await runJournalReceiverBench({ ...args, log: (line) => console.log(line) });
      if (args.layers) {
        console.log('');
        await runReceiverLayersBench({ seconds: 1, rounds: 3, concurrency: args.concurrency, log: (line) => console.log(line) });
      }
      console.log('');
      await runStrictXmlBench({ repeats: 20, log: (line) => console.log(line) });
      setExit(0);
    },
  };
}
