/** `samverkan bench`: the journal receiver's throughput against a bare node:http baseline, as a ratio. */
import type { CommandModule } from 'yargs';

interface BenchArgs {
  seconds: number;
  concurrency: number;
  rounds: number;
}

export function benchCommand(setExit: (code: number) => void): CommandModule<object, BenchArgs> {
  return {
    command: 'bench',
    describe: "Measure the journal receiver's requests per second next to a bare node:http responder (loopback only)",
    builder: (y) =>
      y
        .option('seconds', { type: 'number', default: 3, describe: 'Seconds of load per target per round' })
        .option('concurrency', { type: 'number', default: 16, describe: 'Requests in flight' })
        .option('rounds', { type: 'number', default: 2, describe: 'Alternating rounds; the best of each is compared' }),
    handler: async (args) => {
      if (!(args.seconds > 0 && args.seconds <= 60)) throw new Error('--seconds must be between 0 and 60');
      if (!(Number.isInteger(args.concurrency) && args.concurrency >= 1 && args.concurrency <= 256)) throw new Error('--concurrency must be a whole number 1..256');
      if (!(Number.isInteger(args.rounds) && args.rounds >= 1 && args.rounds <= 10)) throw new Error('--rounds must be a whole number 1..10');
      console.log(`samverkan bench: ${args.rounds} round(s) × ${args.seconds} s per target, ${args.concurrency} requests in flight, 127.0.0.1 only`);
      const { runJournalReceiverBench } = await import('../../bench/journalReceiverBench.js');
      await runJournalReceiverBench({ ...args, log: (line) => console.log(line) });
      setExit(0);
    },
  };
}
