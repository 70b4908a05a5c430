/**
 * The terminal's side of a manual step (when stdin is a TTY and --no-input is not given): the
 * step's instructions and observations, then a question for the result and a comment. An answer
 * on the session page first cancels the question.
 */
import { createInterface } from 'node:readline/promises';
import type { PlannedManualCase } from '../plan/sessionPlan.js';
import type { SessionLive } from './sessionLive.js';

const CHOICES: Record<string, 'passed' | 'failed' | 'skipped'> = { g: 'passed', u: 'failed', h: 'skipped' };

/** Asks in the terminal until a result is recorded (here or on the page) or `signal` aborts. */
export async function promptInTerminal(live: SessionLive, step: PlannedManualCase, signal: AbortSignal, write: (line: string) => void): Promise<void> {
  const ask = new AbortController();
  const stopAsking = () => ask.abort();
  signal.addEventListener('abort', stopAsking, { once: true });
  const unsubscribe = live.onChange(() => {
    if (live.current?.id !== step.id) ask.abort();
  });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    for (;;) {
      const answer = (await rl.question('[g] godkänd  [u] underkänd  [h] hoppa över  [s] visa vad samverkan sett: ', { signal: ask.signal })).trim().toLowerCase();
      if (answer === 's') {
        for (const o of live.state().current?.observations ?? []) {
          write(`  ${o.person ? '👤' : o.seen.length ? '✓' : '…'} ${o.description}`);
          for (const s of o.seen) write(`      ${s.line}`);
          for (const l of o.launches) for (const p of l.problems) write(`      ⚠ ${p}`);
        }
        continue;
      }
      const outcome = CHOICES[answer[0] ?? ''];
      if (!outcome) {
        write('Svara g, u, h eller s.');
        continue;
      }
      const comment = await rl.question('Kommentar (Enter för ingen): ', { signal: ask.signal });
      const recorded = live.record(step.id, outcome, comment, 'terminal');
      if (recorded.ok) return;
      write(`Kunde inte registrera: ${recorded.message}`);
      if (live.current?.id !== step.id) return;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', stopAsking);
    rl.close();
  }
}
