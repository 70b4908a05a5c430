/**
 * Session summary: a short Markdown page in Swedish (`sammanfattning.md`) read from an
 * allure-results folder, the `*-result.json` files that allure-playwright writes.
 *
 * Shape of those files (allure-js-commons 3.12.2 `TestResult`): `name`, `fullName`,
 * `status` (passed | failed | broken | skipped), `start`/`stop` (epoch ms), `labels`
 * (`{ name: 'tag', value: 'status-resend' }` for a Playwright tag `@status-resend`) and
 * `attachments` `{ name, type, source }`, where `source` is a file name in the same folder.
 * allure-playwright puts `testInfo.attach(...)` attachments on a step of their own, so
 * attachments are collected from the whole step tree.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Attachments whose name starts with this are Markdown tables that tests attach for the summary. */
export const SCHEDULE_CHECK_PREFIX = 'schedule-check';

export type SessionTestStatus = 'passed' | 'failed' | 'broken' | 'skipped' | 'unknown';

export interface ScheduleCheck {
  name: string;
  /** The attachment's text (Markdown), or undefined when its file is missing. */
  markdown: string | undefined;
  source: string;
}

export interface SessionTest {
  /** Describe titles and test title, e.g. `Statusuppdateringar › omsändning följer forum-2022`. */
  name: string;
  status: SessionTestStatus;
  start: number | undefined;
  stop: number | undefined;
  durationMs: number | undefined;
  /** Playwright tags with their `@`, e.g. `@status-resend`. */
  tags: string[];
  scheduleChecks: ScheduleCheck[];
}

export interface SessionResults {
  tests: SessionTest[];
  passed: number;
  /** failed and broken together (underkända). */
  failed: number;
  skipped: number;
  unknown: number;
  /** Earliest start and latest stop over all tests. */
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  /** Result files that could not be read or parsed. */
  unreadable: string[];
}

export interface SessionSummaryOptions {
  /** Heading; default `samverkan – sammanfattning av sessionen`. */
  title?: string;
  /** When the session began; default the earliest test start. */
  sessionTime?: Date;
  /** IANA time zone for the times shown; default the machine's. */
  timeZone?: string;
  /** Link to the Allure report, relative to where the summary is written. */
  reportLink?: string;
}

/** Minimal view of allure-js-commons' `TestResult` and `StepResult`, as found on disk. */
interface RawExecutable {
  name?: string;
  status?: string;
  start?: number;
  stop?: number;
  steps?: RawExecutable[];
  attachments?: { name?: string; type?: string; source?: string }[];
}
interface RawTestResult extends RawExecutable {
  uuid?: string;
  historyId?: string;
  fullName?: string;
  labels?: { name?: string; value?: string }[];
}

/** Reads every `*-result.json` in `resultsDir`. A missing folder reads as no tests. */
export async function readSessionResults(resultsDir: string): Promise<SessionResults> {
  let files: string[];
  try {
    files = (await readdir(resultsDir)).filter((f) => f.endsWith('-result.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') files = [];
    else throw error;
  }

  const unreadable: string[] = [];
  // A retried test writes one result per attempt with the same historyId; the last one counts.
  const byHistory = new Map<string, RawTestResult>();
  for (const file of files) {
    let raw: RawTestResult;
    try {
      raw = JSON.parse(await readFile(join(resultsDir, file), 'utf8')) as RawTestResult;
    } catch {
      unreadable.push(file);
      continue;
    }
    const key = raw.historyId ?? raw.uuid ?? file;
    const seen = byHistory.get(key);
    if (!seen || (raw.start ?? 0) >= (seen.start ?? 0)) byHistory.set(key, raw);
  }

  const tests: SessionTest[] = [];
  for (const raw of byHistory.values()) tests.push(await toSessionTest(raw, resultsDir));
  tests.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.name.localeCompare(b.name, 'sv'));

  const starts = tests.map((t) => t.start).filter((n): n is number => n !== undefined);
  const stops = tests.map((t) => t.stop).filter((n): n is number => n !== undefined);
  return {
    tests,
    passed: tests.filter((t) => t.status === 'passed').length,
    failed: tests.filter((t) => t.status === 'failed' || t.status === 'broken').length,
    skipped: tests.filter((t) => t.status === 'skipped').length,
    unknown: tests.filter((t) => t.status === 'unknown').length,
    startedAt: starts.length ? new Date(Math.min(...starts)) : undefined,
    finishedAt: stops.length ? new Date(Math.max(...stops)) : undefined,
    unreadable,
  };
}

async function toSessionTest(raw: RawTestResult, resultsDir: string): Promise<SessionTest> {
  // fullName is `<spec file> › <describe titles…> › <title>`; the row shows it without the file.
  // (titlePath cannot be used for this: it starts with the package name, when there is one,
  // then the spec path split into folders.)
  const fullName = raw.fullName?.split(' › ');
  const name = fullName && fullName.length > 1 ? fullName.slice(1).join(' › ') : (raw.name ?? '(namnlöst test)');
  const status: SessionTestStatus = isKnownStatus(raw.status) ? raw.status : 'unknown';
  const scheduleChecks: ScheduleCheck[] = [];
  for (const attachment of collectAttachments(raw)) {
    if (!attachment.name?.startsWith(SCHEDULE_CHECK_PREFIX) || !attachment.source) continue;
    let markdown: string | undefined;
    try {
      markdown = await readFile(join(resultsDir, attachment.source), 'utf8');
    } catch {
      markdown = undefined;
    }
    scheduleChecks.push({ name: attachment.name, markdown, source: attachment.source });
  }
  return {
    name,
    status,
    start: raw.start,
    stop: raw.stop,
    durationMs: raw.start !== undefined && raw.stop !== undefined ? raw.stop - raw.start : undefined,
    tags: (raw.labels ?? [])
      .filter((l) => l.name === 'tag' && l.value)
      .map((l) => (l.value!.startsWith('@') ? l.value! : `@${l.value}`)),
    scheduleChecks,
  };
}

function isKnownStatus(s: string | undefined): s is Exclude<SessionTestStatus, 'unknown'> {
  return s === 'passed' || s === 'failed' || s === 'broken' || s === 'skipped';
}

function collectAttachments(node: RawExecutable): NonNullable<RawExecutable['attachments']> {
  return [...(node.attachments ?? []), ...(node.steps ?? []).flatMap(collectAttachments)];
}

const STATUS_SV: Record<SessionTestStatus, string> = {
  passed: 'godkänd',
  failed: 'underkänd',
  broken: 'underkänd (trasig)',
  skipped: 'överhoppad',
  unknown: 'okänd',
};

/** Renders the summary page. Pure: same input, same text. */
export function renderSessionSummary(results: SessionResults, options: SessionSummaryOptions = {}): string {
  const { title = 'samverkan – sammanfattning av sessionen', timeZone, reportLink } = options;
  const sessionTime = options.sessionTime ?? results.startedAt;
  const lines: string[] = [`# ${title}`, ''];

  lines.push(`- Sessionen startade: ${sessionTime ? formatTime(sessionTime, timeZone) : 'okänd tid'}`);
  if (results.startedAt && results.finishedAt) {
    lines.push(
      `- Testerna kördes: ${formatTime(results.startedAt, timeZone)} – ${formatTime(results.finishedAt, timeZone)}` +
        ` (${formatDuration(results.finishedAt.getTime() - results.startedAt.getTime())})`,
    );
  }
  const counts = [
    `${results.tests.length} tester`,
    `${results.passed} godkända`,
    `${results.failed} underkända`,
    `${results.skipped} överhoppade`,
  ];
  if (results.unknown) counts.push(`${results.unknown} med okänd status`);
  lines.push(`- Resultat: ${counts.join(', ')}`);
  if (reportLink) lines.push(`- Rapport: [${reportLink}](${encodeURI(reportLink)})`);
  if (results.unreadable.length) {
    lines.push(`- Kunde inte läsa: ${results.unreadable.map((f) => `\`${f}\``).join(', ')}`);
  }
  lines.push('');

  if (results.tests.length === 0) {
    lines.push('Inga testresultat hittades.', '');
    return lines.join('\n');
  }

  lines.push('## Tester', '', '| test | status | tid | taggar |', '|---|---|---|---|');
  for (const t of results.tests) {
    const duration = t.durationMs === undefined ? '–' : formatDuration(t.durationMs);
    lines.push(`| ${cell(t.name)} | ${STATUS_SV[t.status]} | ${duration} | ${cell(t.tags.join(' '))} |`);
  }
  lines.push('');

  const withChecks = results.tests.filter((t) => t.scheduleChecks.length > 0);
  if (withChecks.length) {
    lines.push('## Schemakontroller', '');
    for (const t of withChecks) {
      lines.push(`### ${t.name}`, '');
      for (const check of t.scheduleChecks) {
        lines.push(`**${check.name}**`, '');
        lines.push(check.markdown?.trim() ?? `_(bilagan saknas: \`${check.source}\`)_`, '');
      }
    }
  }
  return lines.join('\n');
}

/** Reads `resultsDir` and renders its summary. */
export async function sessionSummary(resultsDir: string, options: SessionSummaryOptions = {}): Promise<string> {
  return renderSessionSummary(await readSessionResults(resultsDir), options);
}

/** `2026-11-28 21:05:03` */
export function formatTime(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

/** `850 ms`, `1,2 s`, `2 min 3 s`, `1 h 4 min` */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const min = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h ? `${h} h ${min} min` : `${min} min ${s} s`;
}

/** A table cell: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
