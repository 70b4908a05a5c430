/**
 * A running session as the people see it: where the day stands, the manual step waiting for a
 * result with what samverkan has seen on the wire so far, and recording that result (from the
 * terminal or the session page, whichever answers first) with the step's traffic, in one
 * transaction.
 */
import type { Topology } from '../../topology/startTopology.js';
import { fillPlaceholders, type PlannedCase, type PlannedManualCase } from '../plan/sessionPlan.js';
import { OUTCOME_SV, type CaseOutcome, type CaseResult, type RecordedBy } from '../store/sessionRecord.js';
import type { CaseStart, SessionStore } from '../store/sessionStore.js';
import { describeExchange, observe, type LaunchReading } from './observation.js';

export type Phase = 'startar' | 'automatiska' | 'manuellt' | 'klar' | 'pausad';

export interface PageState {
  session: { id: string; vendorGroup: string; region: string; date: string; journal: string; selection: string };
  phase: Phase;
  progress: Progress;
  /** Cases in the day's order with their state. */
  cases: Array<{ id: string; position: number; title: string; kind: string; minutes: number; outcome?: CaseOutcome; outcomeSv?: string }>;
  current?: {
    caseId: string;
    position: number;
    block: string;
    title: string;
    instructions: string;
    requirements: string[];
    observations: Array<{ description: string; person: boolean; seen: Array<{ id: number; line: string }>; launches: LaunchReading[] }>;
  };
  automated?: string[];
  urls: Record<string, string>;
  evidence?: Record<string, string>;
}

export interface Progress {
  done: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  plannedMinutesDone: number;
  plannedMinutesTotal: number;
  /** Minutes since the session was started. */
  elapsedMinutes: number;
  /** `Steg 12 av 34 · plan 1:05 av 3:29 · 0:47 sedan start · 10 godkända, 1 underkänd, 0 överhoppade` */
  line: string;
}

interface Waiting {
  plannedCase: PlannedManualCase;
  start: CaseStart;
  done: () => void;
}

export type RecordAnswer = { ok: true; result: CaseResult } | { ok: false; status: number; message: string };

export class SessionLive {
  phase: Phase = 'startar';
  topology?: Topology;
  automated?: string[];
  evidence?: Record<string, string>;
  pageUrl?: string;
  private waiting?: Waiting;
  private readonly listeners = new Set<() => void>();

  constructor(readonly store: SessionStore) {}

  /** The manual step now waiting, if any. */
  get current(): PlannedManualCase | undefined {
    return this.waiting?.plannedCase;
  }

  /** Waits for a result of `plannedCase` (recorded through {@link record}); resolves when recorded or `signal` aborts. */
  waitFor(plannedCase: PlannedManualCase, start: CaseStart, signal: AbortSignal): Promise<'recorded' | 'interrupted'> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('interrupted');
      const onAbort = () => {
        this.waiting = undefined;
        resolve('interrupted');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting = {
        plannedCase,
        start,
        done: () => {
          signal.removeEventListener('abort', onAbort);
          resolve('recorded');
        },
      };
      this.changed();
    });
  }

  /** Records a person's result for the waiting step, with the traffic of its window as evidence. */
  record(caseId: string, outcome: string, comment: string, by: RecordedBy): RecordAnswer {
    const w = this.waiting;
    if (!w) return { ok: false, status: 409, message: `inget manuellt steg väntar på ett resultat nu (${this.phase})` };
    if (w.plannedCase.id !== caseId) return { ok: false, status: 409, message: `steget "${caseId}" väntar inte; det som väntar är "${w.plannedCase.id}"` };
    if (!['passed', 'failed', 'skipped'].includes(outcome)) return { ok: false, status: 400, message: `resultatet "${outcome}" finns inte; välj passed (godkänd), failed (underkänd) eller skipped (hoppa över)` };
    if (comment.length > 4000) return { ok: false, status: 400, message: 'kommentaren är längre än 4000 tecken' };
    const entries = this.topology ? this.topology.journal.query({ afterId: w.start.journalMark ?? 0 }) : [];
    const statuses = observe(w.plannedCase.observe, entries);
    const result = {
      caseId,
      outcome: outcome as CaseOutcome,
      comment: comment.trim(),
      recordedBy: by,
      startedAt: w.start.startedAt,
      finishedAt: Date.now(),
      details: { observed: statuses.map((s) => ({ description: s.description, seen: s.seen.length, ...(s.person && { person: true }) })) },
    };
    try {
      this.store.recordCase(result, entries);
    } catch (error) {
      return { ok: false, status: 409, message: (error as Error).message };
    }
    this.waiting = undefined;
    w.done();
    this.changed();
    return { ok: true, result };
  }

  /** Called on every change (the terminal prompt listens to cancel itself when the page answered). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Everything the session page shows. */
  state(): PageState {
    const session = this.store.session;
    const plan = session.plan;
    const results = new Map(this.store.results().map((r) => [r.caseId, r]));
    const cases = plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
    const urls = this.urls();
    const w = this.waiting;
    let current: PageState['current'];
    if (w) {
      const entries = this.topology ? this.topology.journal.query({ afterId: w.start.journalMark ?? 0 }) : [];
      const fill = (text: string) => fillPlaceholders(text, { webcert: urls['Webcert'] ?? 'samverkans Webcert' });
      current = {
        caseId: w.plannedCase.id,
        position: w.plannedCase.position,
        block: w.plannedCase.blockTitle,
        title: w.plannedCase.title,
        instructions: fill(w.plannedCase.instructions),
        requirements: w.plannedCase.requirements,
        observations: observe(w.plannedCase.observe, entries).map((s) => ({
          description: s.description,
          person: s.person,
          seen: s.seen.map((e) => ({ id: e.id, line: `${new Date(e.startedAt).toLocaleTimeString('sv-SE')}  ${describeExchange(e)}` })),
          launches: s.launches,
        })),
      };
    }
    return {
      session: {
        id: session.id,
        vendorGroup: plan.vendorGroup.name,
        region: plan.region.name,
        date: plan.date,
        journal: session.journal.mode === 'external' ? `ert journalsystem (${session.journal.url})` : 'simulerat journalsystem',
        selection: plan.selection,
      },
      phase: this.phase,
      progress: progressOf(cases, [...results.values()], w?.plannedCase, session.createdAt, Date.now()),
      cases: cases.map((c) => {
        const r = results.get(c.id);
        return { id: c.id, position: c.position, title: c.title, kind: c.kind, minutes: c.minutes, ...(r && { outcome: r.outcome, outcomeSv: OUTCOME_SV[r.outcome] }) };
      }),
      ...(current && { current }),
      ...(this.automated && { automated: this.automated }),
      urls,
      ...(this.evidence && { evidence: this.evidence }),
    };
  }

  private urls(): Record<string, string> {
    const t = this.topology;
    if (!t) return {};
    const out: Record<string, string> = {};
    if (t.webcert) {
      out['Webcert'] = t.webcert.url;
      out['CreateDraftCertificate v3'] = t.webcert.endpoints.createDraftCertificate!;
      out['Start (POST)'] = t.webcert.endpoints.launch!;
    }
    if (t.journalSystem) {
      out['Journalsystemets startsida för ett intyg'] = t.journalSystem.endpoints.launchPage!;
      out['Journalsystemets mottagna statusuppdateringar'] = t.journalSystem.endpoints.inbox!;
    } else {
      out['Er statusmottagare'] = t.config.parties.journal.url!;
    }
    if (t.admin) out['Admin-API'] = t.admin.url;
    return out;
  }
}

/** Where the day stands. */
export function progressOf(cases: readonly PlannedCase[], results: readonly CaseResult[], current: PlannedCase | undefined, createdAt: number, now: number): Progress {
  const done = new Set(results.map((r) => r.caseId));
  const count = (o: CaseOutcome) => results.filter((r) => r.outcome === o).length;
  const plannedMinutesDone = cases.filter((c) => done.has(c.id)).reduce((s, c) => s + c.minutes, 0);
  const plannedMinutesTotal = cases.reduce((s, c) => s + c.minutes, 0);
  const elapsedMinutes = Math.max(0, Math.round((now - createdAt) / 60_000));
  const p = { done: done.size, total: cases.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), errors: count('error'), plannedMinutesDone, plannedMinutesTotal, elapsedMinutes };
  const step = current ? `Steg ${current.position} av ${cases.length}` : done.size === cases.length ? `Alla ${cases.length} steg klara` : `${done.size} av ${cases.length} steg klara`;
  const line =
    `${step} · plan ${hm(plannedMinutesDone)} av ${hm(plannedMinutesTotal)} · ${hm(elapsedMinutes)} sedan start · ` +
    `${p.passed} godkända, ${p.failed} underkända, ${p.skipped} överhoppade${p.errors ? `, ${p.errors} fel` : ''}`;
  return { ...p, line };
}

/** 95 → `1:35` */
export function hm(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
