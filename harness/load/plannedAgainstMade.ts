/**
 * Why Webcert made more or fewer status updates of an event than the plan: said from what the
 * replay knows (its steps that failed, Webcert's certificate queue toward Intygstjänsten, whether
 * it was stopped or resumed), never guessed.
 */
import type { CertificateMessageCount } from '../../simulators/webcert/certificatesender/certificateQueue.js';
import type { StepKind } from './monthPlan.js';

/** What the replay knows that can explain a difference. */
export interface DifferenceFacts {
  steps: Record<StepKind, { ok: number; already: number; failed: number }>;
  /** Webcert's certificate queue, per message type and status. */
  certificateMessages: readonly CertificateMessageCount[];
  /** Stopped before the plan's end (Ctrl-C). */
  interrupted: boolean;
  /** Resumed after a stop or a kill. */
  resumed: boolean;
}

/** The steps whose success makes the event (SKICKA also comes at signing for DB and DOI). */
const STEPS_MAKING: Readonly<Record<string, readonly StepKind[]>> = {
  SKAPAT: ['create'],
  ANDRAT: ['edit', 'edit2'],
  SIGNAT: ['sign'],
  SKICKA: ['send', 'sign'],
  MAKULE: ['revoke'],
  RADERA: ['delete'],
};

const n = (x: number) => x.toLocaleString('en');

/** SEND messages toward Intygstjänsten not delivered, by why: no SKICKA comes for them. */
function undeliveredSends(messages: readonly CertificateMessageCount[]): string[] {
  const count = (statuses: string[]) => messages.filter((m) => m.type === 'SEND' && statuses.includes(m.status)).reduce((a, m) => a + m.count, 0);
  const parts: string[] = [];
  const dead = count(['DEAD_LETTER']);
  const dropped = count(['FAILED']);
  const open = count(['QUEUED', 'REDELIVERY']);
  if (dead) parts.push(`${n(dead)} send(s) to Intygstjänsten in the dead-letter queue`);
  if (dropped) parts.push(`${n(dropped)} send(s) Intygstjänsten refused for good`);
  if (open) parts.push(`${n(open)} send(s) still queued toward Intygstjänsten`);
  return parts;
}

/**
 * The explanation of `diff` (made − planned) for `event`, or undefined when there is none to give.
 * Every part names a count the replay has; what they do not cover is said to be unexplained.
 */
export function explainDifference(event: string, diff: number, facts: DifferenceFacts): string | undefined {
  if (diff === 0) return undefined;
  const parts: string[] = [];
  if (diff < 0) {
    if (facts.interrupted) parts.push('stopped early: the steps not made yet come with --resume');
    const failed = (STEPS_MAKING[event] ?? []).filter((k) => facts.steps[k].failed > 0).map((k) => `${n(facts.steps[k].failed)} ${k} step(s) failed`);
    parts.push(...failed);
    if (event === 'SKICKA') parts.push(...undeliveredSends(facts.certificateMessages));
    // Webcert drops the ANDRAT of a batch that also holds the SIGNAT; a killed process loses the batch it held.
    if (event === 'ANDRAT') parts.push(`edits in one batch${facts.resumed ? ', or a batch lost with a killed process' : ''}, as in Webcert`);
    if (!parts.length) parts.push('not explained by failed steps or by the certificate queue: look at the state folder');
  } else {
    if (event === 'ANDRAT' && facts.resumed) parts.push('an edit made again after the restart, as a user saving twice would');
    else if (facts.resumed) parts.push('a step made again after the restart, which Webcert took as new');
    else parts.push('more than the plan makes, not explained by a restart: look at the state folder');
  }
  return parts.join('; ');
}
