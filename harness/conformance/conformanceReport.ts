/**
 * The conformance run as evidence in a folder: `conformance.json` (verdicts with what was sent and
 * how it was judged), `conformance.md` (the same for people, failing exchanges with their
 * answers) and `traffic.jsonl` (every exchange of the run, the ids the verdicts cite).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import type { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import type { ConformanceRun, ConformanceVerdict } from './conformanceRunner.js';
import type { ConformanceRequirement } from './requirementTypes.js';
import { shortReason } from './verdicts.js';

/** The files written. */
export interface ConformanceReportFiles {
  json: string;
  markdown: string;
  traffic: string;
}

const BODY_EXCERPT_CHARS = 1_500;

/** Writes the three files into `dir` (created if missing). */
export async function writeConformanceReport(
  run: ConformanceRun,
  requirements: readonly ConformanceRequirement[],
  journal: TrafficJournal,
  dir: string,
): Promise<ConformanceReportFiles> {
  await mkdir(dir, { recursive: true });
  const files = { json: join(dir, 'conformance.json'), markdown: join(dir, 'conformance.md'), traffic: join(dir, 'traffic.jsonl') };
  const entries = run.entryIds.map((id) => journal.get(id)).filter((e): e is JournalEntry => e !== undefined);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const definitions = new Map(requirements.map((r) => [r.id, r]));
  const json = {
    ...run,
    verdicts: run.verdicts.map((v) => ({ ...v, sends: definitions.get(v.requirement)?.sends, judged: definitions.get(v.requirement)?.judged, source: definitions.get(v.requirement)?.source })),
  };
  await writeFile(files.json, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(files.traffic, entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''));
  await writeFile(files.markdown, conformanceMarkdown(run, definitions, byId));
  return files;
}

/** `pass`/`fail` counts, e.g. `9 requirements: 5 pass, 4 fail`, and `, 1 not judged` when any was not. */
export function verdictCounts(verdicts: readonly ConformanceVerdict[]): string {
  const count = (v: ConformanceVerdict['verdict']) => verdicts.filter((x) => x.verdict === v).length;
  const notJudged = count('not-judged');
  return `${verdicts.length} requirements: ${count('pass')} pass, ${count('fail')} fail${notJudged ? `, ${notJudged} not judged` : ''}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fence = (s: string) => `\`\`\`xml\n${s.length > BODY_EXCERPT_CHARS ? `${s.slice(0, BODY_EXCERPT_CHARS)}\n… (${s.length - BODY_EXCERPT_CHARS} more characters in traffic.jsonl)` : s}\n\`\`\``;

function conformanceMarkdown(run: ConformanceRun, definitions: Map<string, ConformanceRequirement>, entries: Map<number, JournalEntry>): string {
  const out: string[] = [
    `# Journal-system conformance: ${run.receiver}`,
    '',
    `Run ${run.startedAt} – ${run.finishedAt}. Answer bound ${run.answerBoundMs} ms (Webcert's client timeout). ${verdictCounts(run.verdicts)}.`,
    'Evidence: the entry ids refer to `traffic.jsonl` beside this file (every exchange of the run, with bodies).',
    '',
    '| Requirement | Verdict | Slowest answer | Reason |',
    '|---|---|---|---|',
    ...run.verdicts.map((v) => `| ${v.requirement} | ${v.verdict.toUpperCase()} | ${v.slowestMs} ms | ${cell(shortReason(v))} |`),
  ];
  for (const v of run.verdicts) {
    const def = definitions.get(v.requirement);
    out.push('', `## ${v.requirement} ${v.title}: ${v.verdict.toUpperCase()}`, '');
    if (def) out.push(`- Source: ${def.source}`, `- Sent: ${def.sends}`, `- Judged: ${def.judged}`);
    out.push(`- Reason: ${v.reason}`, `- Evidence (entry ids): ${v.evidence.join(', ')}`, '', '| Entry | Sent | Answer | Time |', '|---|---|---|---|');
    for (const a of v.answers) out.push(`| ${a.entryId} | ${cell(a.sent)} | ${cell(a.answer)} | ${a.measuredMs} ms |`);
    for (const a of v.answers.filter((x) => v.failing.includes(x.entryId))) {
      const e = entries.get(a.entryId);
      out.push('', `### Entry ${a.entryId}: ${a.sent}`, '', `Answer: ${a.answer} after ${a.measuredMs} ms. ${[...new Set([...a.notStored, ...a.breaksContract])].join('; ')}`);
      if (e?.responseBody) out.push('', 'Response:', '', fence(e.responseBody));
      if (e?.requestBody) out.push('', 'Request:', '', fence(e.requestBody));
    }
  }
  return `${out.join('\n')}\n`;
}
