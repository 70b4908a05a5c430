/**
 * The replay's summary as text: steps made, status updates delivered, resent and failed per region
 * and event, whether every planned status update is delivered or accounted for, the schedule
 * verdicts, the journal system's answer times, and wall time, RSS peak and the projection for the
 * whole month.
 */
import type { NotificationSummaryRow } from '../../simulators/webcert/notification/notificationSender.js';
import { describeHeapCap } from './heapCap.js';
import { STEP_KINDS } from './monthPlan.js';
import { explainDifference } from './plannedAgainstMade.js';
import type { ReplayFigures } from './replayFigures.js';

const EVENTS = ['SKAPAT', 'ANDRAT', 'SIGNAT', 'SKICKA', 'MAKULE', 'RADERA'];

/** Per region and event: delivered, resent, failed, open (still RESEND or SENDING, or not routed). */
export interface EventCounts {
  made: number;
  delivered: number;
  resent: number;
  failed: number;
  open: number;
}

/** The notification rows summed per region (via the unit's logical address) and event. */
export function countsPerRegion(result: { notifications: readonly NotificationSummaryRow[]; regionOfUnit: ReadonlyMap<string, string> | Readonly<Record<string, string>> }): Map<string, Map<string, EventCounts>> {
  const out = new Map<string, Map<string, EventCounts>>();
  const regionOf = result.regionOfUnit;
  for (const row of result.notifications) {
    const region = (regionOf instanceof Map ? regionOf.get(row.logicalAddress) : (regionOf as Record<string, string>)[row.logicalAddress]) ?? row.logicalAddress;
    let perEvent = out.get(region);
    if (!perEvent) out.set(region, (perEvent = new Map()));
    let c = perEvent.get(row.eventCode);
    if (!c) perEvent.set(row.eventCode, (c = { made: 0, delivered: 0, resent: 0, failed: 0, open: 0 }));
    c.made += row.count;
    c.resent += row.resent;
    if (row.status === 'SUCCESS') c.delivered += row.count;
    else if (row.status === 'FAILURE') c.failed += row.count;
    else c.open += row.count;
  }
  return out;
}

/** Totals per event over all regions. */
export function countsPerEvent(perRegion: Map<string, Map<string, EventCounts>>): Map<string, EventCounts> {
  const total = new Map<string, EventCounts>();
  for (const perEvent of perRegion.values()) {
    for (const [code, c] of perEvent) {
      const t = total.get(code) ?? { made: 0, delivered: 0, resent: 0, failed: 0, open: 0 };
      for (const k of ['made', 'delivered', 'resent', 'failed', 'open'] as const) t[k] += c[k];
      total.set(code, t);
    }
  }
  return total;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const sec = (ms: number) => (ms / 1000).toFixed(1);
const n = (x: number) => x.toLocaleString('en');

/** What the RSS peak is read with: the shards' sum, the cap on V8's heap in force, the parent's own peak. */
function rssNote(result: ReplayFigures): string {
  const heap = [
    ...(result.heapCap ? [`${result.shards ? 'each shard with ' : ''}${describeHeapCap(result.heapCap)}`] : []),
    ...(result.heapLimitBytes ? [`V8's heap limit ${n(Math.round(result.heapLimitBytes / 2 ** 20))} MiB`] : []),
  ].join(', ');
  const parts = [
    ...(result.shards ? ["the shards' peaks added up"] : []),
    ...(heap ? [heap] : []),
    ...(result.parentRssPeakBytes ? [`the parent ${mib(result.parentRssPeakBytes)} MiB besides`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The summary lines. `monthIssued` is the month's integrated certificates in all regions (for the projection). */
export function replaySummaryLines(result: ReplayFigures, monthIssued: number): string[] {
  const issued = result.issued;
  const lines: string[] = [];
  const shards = result.shards ? ` in ${result.shards.length} shards` : '';
  lines.push(
    `load ${result.month}${result.interrupted ? ' (stopped early: the figures so far; go on with --resume)' : ''}: ${result.regions.length} region(s)${shards}, scale ${result.scale}; ` +
      `${n(issued)} certificates issued + ${n(result.certificates - issued)} drafts deleted, ${n(result.stepCount)} steps; ` +
      `${n(result.standaloneNotReplayed)} stand-alone Webcert certificates not replayed (no journal system); questions (NYFRFM …) not in the mix`,
  );
  lines.push(`steps: ${STEP_KINDS.map((k) => `${k} ${n(result.steps[k].ok)}${result.steps[k].already ? ` (+${result.steps[k].already} found done after a lost answer or a restart)` : ''}${result.steps[k].failed ? ` (${result.steps[k].failed} failed)` : ''}`).join(', ')}`);
  for (const f of result.failures.slice(0, 5)) lines.push(`  failed: ${f}`);

  const perRegion = countsPerRegion(result);
  lines.push('', 'status updates per region and event: delivered / resent / failed (open)');
  lines.push(`${'region'.padEnd(22)}${EVENTS.map((e) => e.padStart(20)).join('')}`);
  const cell = (c?: EventCounts) => (c ? `${n(c.delivered)}/${n(c.resent)}/${n(c.failed)}${c.open ? ` (${n(c.open)})` : ''}` : '–').padStart(20);
  for (const region of [...perRegion.keys()].sort()) lines.push(`${region.padEnd(22)}${EVENTS.map((e) => cell(perRegion.get(region)!.get(e))).join('')}`);
  const perEvent = countsPerEvent(perRegion);
  lines.push(`${'all'.padEnd(22)}${EVENTS.map((e) => cell(perEvent.get(e))).join('')}`);

  lines.push('', 'planned against made (every status update delivered or accounted for):');
  let allAccounted = true;
  for (const e of EVENTS) {
    const expected = result.expected[e] ?? 0;
    const c = perEvent.get(e) ?? { made: 0, delivered: 0, resent: 0, failed: 0, open: 0 };
    const accounted = c.delivered + c.failed + c.open === c.made;
    const diff = c.made - expected;
    if (!accounted || c.open) allAccounted = false;
    const why = explainDifference(e, diff, result);
    lines.push(
      `  ${e.padEnd(7)} planned ${n(expected).padStart(9)}, made by Webcert ${n(c.made).padStart(9)}${why ? ` (${diff > 0 ? '+' : ''}${n(diff)}: ${why})` : ''}; delivered ${n(c.delivered)}, failed ${n(c.failed)}, open ${n(c.open)}`,
    );
  }
  const queue = new Map<string, string[]>();
  for (const m of result.certificateMessages) queue.set(m.type, [...(queue.get(m.type) ?? []), `${m.status.toLowerCase().replace('_', '-')} ${n(m.count)}`]);
  if (queue.size) lines.push(`  Webcert's certificate queue toward Intygstjänsten: ${[...queue].map(([type, counts]) => `${type} ${counts.join(', ')}`).join('; ')}`);
  lines.push(`  ${allAccounted ? 'every status update Webcert made is delivered or failed after its last resend' : 'NOT all settled: some are still open (stopped early, or resends pending)'}`);

  const verdicts = Object.entries(result.schedule.verdicts);
  lines.push('', `schedule verdicts (reports/schedule, ${n(result.schedule.checked)} resent status update(s) checked${result.schedule.checked >= result.schedule.limit ? `, the first ${n(result.schedule.limit)}` : ''}): ${verdicts.length ? verdicts.map(([k, v]) => `${k}: ${n(v)}`).join('; ') : 'nothing was resent'}`);

  const o = result.answerTimes.overall;
  lines.push('', `journal system's answers: ${n(o.deliveries)} deliveries, p50 ${o.p50Ms.toFixed(1)} ms, p99 ${o.p99Ms.toFixed(1)} ms, errors ${n(o.errors)}`);
  if (result.journalExternal) {
    lines.push('  per hour (virtual, UTC): deliveries, p50, p99, errors');
    for (const h of result.answerTimes.hours) lines.push(`  ${new Date(h.hour).toISOString().slice(0, 13).replace('T', ' ')}h  ${String(h.deliveries).padStart(6)}  ${h.p50Ms.toFixed(1).padStart(7)} ms  ${h.p99Ms.toFixed(1).padStart(7)} ms  ${h.errors}`);
  }

  // The rate and the projection count the steps this run made: a stopped or resumed run made only
  // some of the plan's steps in its wall time.
  const made = stepsMade(result);
  const monthSteps = result.stepCount / Math.max(issued / Math.max(1, monthIssued), Number.EPSILON);
  const projects = made > 0 && made < monthSteps * 0.999;
  const perMonth = (ms: number) => ((ms / made) * monthSteps) / 60_000;
  lines.push(
    '',
    `wall time ${sec(result.wallMs)} s, RSS peak ${mib(result.rssPeakBytes)} MiB${rssNote(result)}; ${n(made)} steps made, ${n(Math.round(made / Math.max(result.wallMs / 1000, 0.001)))} steps/s` +
      (projects ? `; projected for the whole month (${n(monthIssued)} certificates): ${perMonth(result.wallMs).toFixed(0)} min at this rate` : ''),
  );
  if (result.cpuMs !== undefined) {
    lines.push(
      `CPU time ${sec(result.cpuMs)} s (every party and the driver, ${result.shards ? `${result.shards.length} processes, added up` : 'one process'})` +
        (projects ? `; the whole month would take ${perMonth(result.cpuMs).toFixed(0)} CPU minutes` : ''),
    );
  }
  for (const s of result.shards ?? []) {
    lines.push(
      `  shard ${s.shard}: ${s.regions.join(', ')}; ${n(s.certificates)} certificates; ` +
        (s.error ? `FAILED: ${s.error}` : `wall ${sec(s.wallMs)} s${s.cpuMs !== undefined ? `, CPU ${sec(s.cpuMs)} s` : ''}, RSS peak ${mib(s.rssPeakBytes)} MiB`),
    );
  }
  lines.push(`state: ${result.stateDir} (Webcert's state, the traffic journal, the replay's progress${result.shards ? ', a folder per shard' : ''})`);
  return lines;
}

/** Steps this run made (done, already done in Webcert, or failed); not those a resumed run found done. */
export function stepsMade(result: Pick<ReplayFigures, 'steps'>): number {
  return Object.values(result.steps).reduce((sum, t) => sum + t.ok + t.already + t.failed, 0);
}
