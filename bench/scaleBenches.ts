/**
 * `npm run bench`, the state at volume: CreateDraft time at the first and the 20,000th
 * certificate, the eID order book at 16,000 orders, and the clock with 50,000 timers pending;
 * each against a baseline from the same run.
 */
import { runClockBench } from './clockBench.js';
import { runCreateDraftBench } from './createDraftBench.js';
import { runOrderBookBench } from './orderBookBench.js';

export interface ScaleBenchOptions {
  /** CreateDraft calls in all; default 20,000. */
  certificates?: number;
  log: (line: string) => void;
}

export async function runScaleBenches(options: ScaleBenchOptions): Promise<void> {
  const { log } = options;
  log('');
  log('virtual clock');
  runClockBench({ pending: 50_000, log });
  log('');
  log('eID app order book');
  runOrderBookBench({ orders: 16_000, log });
  log('');
  log(`CreateDraftCertificate v3, ${(options.certificates ?? 20_000).toLocaleString('en')} certificates one after the other (Webcert state in a file)`);
  await runCreateDraftBench({ certificates: options.certificates ?? 20_000, window: 500, log });
}
