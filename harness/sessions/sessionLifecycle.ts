/**
 * Starting, resuming, listing and reporting sessions: what `samverkan session …` does, without
 * the command line. Bad input (an unknown vendor group, region or session, a malformed data file,
 * a bad --journal) is refused before anything starts, with the valid choices.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';
import { readTopologyFile } from '../topology/topologyFile.js';
import { findRegion, findVendorGroup, loadReferenceData, shown, type ReferenceData } from './data/referenceData.js';
import { buildSessionEvidence, type SessionEvidence } from './evidence/sessionEvidence.js';
import { buildSessionPlan, type PlannedCase, type SessionPlan } from './plan/sessionPlan.js';
import { collectEnvironment } from './run/environment.js';
import { hm } from './run/sessionLive.js';
import { runSession, type RunEnd, type RunOptions } from './run/sessionRunner.js';
import { newSessionId, openSession, readSessions, sessionsRoot } from './store/sessionFolders.js';
import { OUTCOME_SV, type JournalChoice, type Participant, type SessionRecord } from './store/sessionRecord.js';
import { SessionStore } from './store/sessionStore.js';
import { checkCatchUpTrigger } from '../conformance/catchUpStep.js';
import { selectRequirements } from '../conformance/requirements.js';
import { withDerivedRole } from '../../simulators/webcert/directory/hsaRole.js';

export interface StartOptions extends RunOptions {
  vendorGroup: string;
  region: string;
  /** `sim` or `external:<url>` */
  journal: string;
  dataDir?: string;
  sessionsDir?: string;
  topologyFile?: string;
  only?: string[];
  automatedOnly?: boolean;
  /** `Namn, roll, organisation` */
  participants?: string[];
  /** `Journalsystem=Cosmic R8.2` */
  software?: string[];
  /** The external journal system's catch-up trigger for the conformance case (JR-O02). */
  catchUpTrigger?: string;
  /** Only these requirements in the conformance case (default all). */
  requirements?: string[];
  now?: Date;
}

/**
 * Checks `--catch-up-trigger` and `--requirement` before anything starts.
 * @throws Error saying what to write instead.
 */
function conformanceChoices(options: Pick<StartOptions, 'catchUpTrigger' | 'requirements'>, journal: JournalChoice): Pick<SessionRecord, 'catchUpTrigger' | 'conformanceRequirements'> {
  const out: Pick<SessionRecord, 'catchUpTrigger' | 'conformanceRequirements'> = {};
  if (options.catchUpTrigger !== undefined) {
    if (journal.mode !== 'external') {
      throw new Error(`--catch-up-trigger belongs to your journal system (--journal external:<url>); the simulated journal system needs none. Leave it out, or name your journal system with --journal external:<url>.`);
    }
    out.catchUpTrigger = checkCatchUpTrigger(options.catchUpTrigger);
  }
  if (options.requirements?.length) out.conformanceRequirements = selectRequirements(options.requirements).map((r) => r.id);
  return out;
}

/** `sim` or `external:<url>`. @throws Error with the valid choices */
export function parseJournalChoice(value: string): JournalChoice {
  if (value === 'sim') return { mode: 'sim' };
  const m = /^external:(.+)$/.exec(value);
  if (m) {
    let url: URL;
    try {
      url = new URL(m[1]!);
    } catch {
      throw new Error(`--journal ${value}: "${m[1]}" is not a URL; write e.g. external:http://127.0.0.1:8080 (the base URL of your journal system's CertificateStatusUpdateForCare receiver)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--journal ${value}: the URL must be http or https`);
    return { mode: 'external', url: url.href.replace(/\/$/, '') };
  }
  throw new Error(`--journal "${value}" is not valid; valid choices: sim, external:<url> (e.g. external:http://127.0.0.1:8080)`);
}

function parseParticipant(text: string): Participant {
  const [name, role, organisation] = text.split(',').map((s) => s.trim());
  if (!name) throw new Error(`--participant "${text}": write "Namn, roll, organisation" (roll and organisation may be left out)`);
  return { name, ...(role && { role }), ...(organisation && { organisation }) };
}

function parseSoftware(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0 || i === item.length - 1) throw new Error(`--software "${item}": write "what=version", e.g. "Journalsystem=Cosmic R8.2" or "SITHS eID-app=2.0.8325"`);
    out[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return out;
}

/** The plan a session would follow, without starting it. */
export function planSession(options: Pick<StartOptions, 'vendorGroup' | 'region' | 'journal' | 'dataDir' | 'topologyFile' | 'only' | 'automatedOnly' | 'now'>): SessionPlan {
  return makePlan(options, parseJournalChoice(options.journal), loadReferenceData(options.dataDir)).plan;
}

function makePlan(options: Pick<StartOptions, 'vendorGroup' | 'region' | 'topologyFile' | 'only' | 'automatedOnly' | 'now'>, journal: JournalChoice, data: ReferenceData) {
  const group = findVendorGroup(data, options.vendorGroup);
  const region = findRegion(data, group, options.region);
  if (options.topologyFile && !existsSync(options.topologyFile)) throw new Error(`--topology ${options.topologyFile}: no such file`);
  const topology = options.topologyFile ? readTopologyFile(options.topologyFile) : defaultTopologyConfig();
  const unit = topology.directory.careUnits[0];
  const staff = topology.directory.staff.map(withDerivedRole);
  const doctor = staff.find((s) => s.role === 'LAKARE') ?? staff[0];
  if (!unit || !doctor) throw new Error('the topology has no care unit or no staff; a session needs a unit and a doctor in its directory');
  const now = options.now ?? new Date();
  const plan = buildSessionPlan(data, group, region, { unit, doctor }, { date: localDay(now), journal: journal.mode, only: options.only, automatedOnly: options.automatedOnly });
  return { plan, group, region, topology, now };
}

/** Checks everything, creates the session and runs it. */
export async function startSession(options: StartOptions): Promise<{ id: string; end: RunEnd }> {
  const journal = parseJournalChoice(options.journal);
  const participants = (options.participants ?? []).map(parseParticipant);
  const software = parseSoftware(options.software ?? []);
  const conformance = conformanceChoices(options, journal);
  const data = loadReferenceData(options.dataDir);
  const { plan, group, region, topology, now } = makePlan(options, journal, data);
  const root = sessionsRoot(options.sessionsDir);
  const id = newSessionId(root, now, group.id, region.id);
  const record: SessionRecord = {
    id,
    createdAt: now.getTime(),
    journal,
    plan,
    participants,
    software,
    environment: collectEnvironment({
      Webcert: 'samverkans Webcert-simulator',
      Omsändningsprofil: topology.webcert.redelivery ?? 'forum-2022',
      Referensdata: shown(data.dir),
      ...(journal.mode === 'external' && { 'Catch-up-trigger (JR-O02)': conformance.catchUpTrigger ?? 'ingen – JR-O02 bedöms inte' }),
    }),
    ...conformance,
    ...(options.topologyFile && { topologyFile: options.topologyFile }),
    dataDir: data.dir,
  };
  const store = SessionStore.create(join(root, id), record);
  try {
    const cases = plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
    options.log(`samverkan: session ${id} – ${group.name} / ${region.name}, ${cases.length} fall (${cases.filter((c) => c.kind === 'automated').length} automatiska), plan ${hm(plan.totalMinutes)}${plan.selection ? ` (${plan.selection})` : ''}`);
    options.log(`samverkan: mapp ${store.dir}`);
    return { id, end: await runSession(store, options) };
  } finally {
    store.close();
  }
}

export interface ResumeOptions extends RunOptions {
  sessionsDir?: string;
}

/** Goes on with a session from its first case without a result. */
export async function resumeSession(id: string, options: ResumeOptions): Promise<RunEnd | { kind: 'already-finished' }> {
  const store = openSession(sessionsRoot(options.sessionsDir), id);
  try {
    const total = store.session.plan.entries.filter((e) => e.kind !== 'break').length;
    if (store.meta('finishedAt')) {
      options.log(`samverkan: session ${id} är redan klar (${store.results().length} av ${total} fall registrerade). Protokoll och rapport:  npx samverkan session report ${id}`);
      return { kind: 'already-finished' };
    }
    await clearLeftovers(store, options.log);
    options.log(`samverkan: fortsätter session ${id} – ${store.results().length} av ${total} fall registrerade`);
    return await runSession(store, options);
  } finally {
    store.close();
  }
}

/** Builds (again) the report, protocol and PDF of a session, finished or not. */
export async function reportSession(id: string, options: { sessionsDir?: string; log: (line: string) => void; pdf?: boolean; report?: boolean }): Promise<SessionEvidence> {
  const store = openSession(sessionsRoot(options.sessionsDir), id);
  try {
    return await buildSessionEvidence(store, options);
  } finally {
    store.close();
  }
}

/** One line per session, newest last. */
export function listSessions(sessionsDir?: string): string[] {
  const root = sessionsRoot(sessionsDir);
  const sessions = readSessions(root);
  if (!sessions.length) return [`Inga sessioner i ${root}. Starta en med:  npx samverkan session start --vendor-group <g> --region <r>`];
  return sessions.map((s) => {
    const counts = (['passed', 'failed', 'skipped', 'error'] as const).map((o) => [o, s.results.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n);
    const state = s.finishedAt ? 'klar' : s.results.length ? 'pausad' : 'påbörjad';
    return `${s.record.id.padEnd(44)} ${s.record.plan.vendorGroup.name} / ${s.record.plan.region.name}  ${state}, ${s.results.length}/${s.planned} fall${counts.length ? ` (${counts.map(([o, n]) => `${n} ${OUTCOME_SV[o].toLowerCase()}`).join(', ')})` : ''}${s.record.plan.selection ? ` – ${s.record.plan.selection}` : ''}`;
  });
}

/**
 * After a kill: a runner still alive means the session runs elsewhere (refused); a Playwright run
 * left behind is stopped so it cannot write into the store while this one goes on.
 */
async function clearLeftovers(store: SessionStore, log: (line: string) => void): Promise<void> {
  for (const p of store.openProcesses()) {
    const alive = isAlive(p.pid, p.kind === 'runner' ? /samverkan/ : /playwright/);
    if (alive && p.kind === 'runner') {
      throw new Error(`session ${store.session.id} is running in process ${p.pid} (since ${new Date(p.startedAt).toLocaleString('sv-SE')}); stop it with Ctrl-C there first`);
    }
    if (alive) {
      log(`samverkan: stoppar en kvarlämnad Playwright-körning (pid ${p.pid}) från det avbrutna försöket`);
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        process.kill(p.pid, 'SIGKILL');
      }
      for (let i = 0; i < 50 && isAlive(p.pid, /playwright/); i++) await new Promise((r) => setTimeout(r, 100));
    }
    store.endProcess(p.rowId, Date.now());
  }
}

function isAlive(pid: number, command: RegExp): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return command.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: trust the signal check
  }
}

function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
