/**
 * A verdict per requirement from its judged answers: `each-stored` (every own answer says stored)
 * or `whole-run` (that, and every answer of the run keeps to the contract).
 */
import type { AnswerJudgement, JudgeContext } from './answerJudge.js';
import type { ConformanceRequirement } from './requirementTypes.js';

/** The verdict on one requirement. */
export interface ConformanceVerdict {
  requirement: string;
  title: string;
  /** `not-judged`: the suite could not judge it (e.g. no catch-up trigger); never counted as a pass. */
  verdict: 'pass' | 'fail' | 'not-judged';
  /** Why, in words: what failed (each with its entry id), what was seen when it passed, or why it was not judged. */
  reason: string;
  /** Traffic-journal entry ids of the exchanges the verdict rests on. */
  evidence: number[];
  /** Of those, the exchanges that made it fail (empty when it passes). */
  failing: number[];
  /** Slowest of the answers it judged, in ms (reported; the verdict itself is the bound). */
  slowestMs: number;
  /** Every answer the verdict rests on, judged. */
  answers: AnswerJudgement[];
}

function slowest(answers: readonly AnswerJudgement[]): number {
  return answers.reduce((max, a) => Math.max(max, a.measuredMs), 0);
}

/** Pass when every one of the requirement's own answers says the update is stored. */
export function eachStoredVerdict(requirement: ConformanceRequirement, answers: AnswerJudgement[]): ConformanceVerdict {
  const failed = answers.filter((a) => a.notStored.length > 0);
  const slow = slowest(answers);
  const reason = failed.length
    ? failed.map((a) => `${a.sent} [entry ${a.entryId}]: ${a.notStored.join('; ')}`).join(' · ')
    : `${answers.length} answers, each a valid response saying stored (${summarise(answers)}); slowest ${slow} ms`;
  return {
    requirement: requirement.id,
    title: requirement.title,
    verdict: failed.length ? 'fail' : 'pass',
    reason,
    evidence: answers.map((a) => a.entryId),
    failing: failed.map((a) => a.entryId),
    slowestMs: slow,
    answers,
  };
}

/** Pass when its own answers say stored and no answer of the whole run breaks the contract. */
export function wholeRunVerdict(requirement: ConformanceRequirement, own: AnswerJudgement[], every: AnswerJudgement[], context: JudgeContext): ConformanceVerdict {
  const ownFailed = own.filter((a) => a.notStored.length > 0);
  const broken = every.filter((a) => a.breaksContract.length > 0 && !ownFailed.includes(a));
  const problems = [
    ...ownFailed.map((a) => `${a.sent} [entry ${a.entryId}]: ${a.notStored.join('; ')}`),
    ...broken.map((a) => `${a.sent} [entry ${a.entryId}]: ${a.breaksContract.join('; ')}`),
  ];
  const slow = slowest(every);
  const reason = problems.length
    ? problems.join(' · ')
    : `all ${every.length} answers of the run keep to the resultCode semantics (${summarise(every)}), slowest ${slow} ms (bound ${context.answerBoundMs} ms)`;
  const evidenceAnswers = [...own, ...broken];
  return {
    requirement: requirement.id,
    title: requirement.title,
    verdict: problems.length ? 'fail' : 'pass',
    reason,
    evidence: problems.length ? evidenceAnswers.map((a) => a.entryId) : every.map((a) => a.entryId),
    failing: [...ownFailed, ...broken].map((a) => a.entryId),
    slowestMs: slow,
    answers: problems.length ? evidenceAnswers : every,
  };
}

/** `12 OK, 1 INFO`. */
function summarise(answers: readonly AnswerJudgement[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const key = a.answer.split(':')[0]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** The reason cut to its first `max` findings, with how many more there are (for a table or a terminal line). */
export function shortReason(verdict: ConformanceVerdict, max = 2): string {
  const findings = verdict.reason.split(' · ');
  if (findings.length <= max) return verdict.reason;
  return `${findings.slice(0, max).join(' · ')} · and ${findings.length - max} more`;
}
