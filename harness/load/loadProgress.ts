/**
 * What a month's replay has done, in `load.sqlite` of its state folder: the replay's settings and
 * virtual time, and per certificate its id at Webcert and the steps Webcert acknowledged. Rows are
 * written in groups (one transaction per event-loop turn); a step acknowledged but not yet written
 * when the process dies is made again on resume, and Webcert's refusal ("already signed", "already
 * sent") or the draft found by its patient tells that it was done.
 */
import Database from 'better-sqlite3';
import { STEP_KINDS, type StepKind } from './monthPlan.js';

/**
 * How the replay plans a month's certificates and their patients: a replay planned another way
 * cannot be resumed, since its certificates would be looked up by other patients. 2: patients
 * numbered over the whole month, not per shard.
 */
export const PLAN_VERSION = 2;

/** The settings a replay is started with; a resume must match them. */
export interface ReplaySettings {
  /** {@link PLAN_VERSION} of the samverkan that started it (absent: 1). */
  plan: number;
  month: string;
  regions: string[];
  scale: number;
  days?: number;
  journal: string;
}

const bit = (kind: StepKind) => 1 << STEP_KINDS.indexOf(kind);

/** The steps a certificate has in the plan, as a mask of {@link STEP_KINDS} bits. */
export function stepMask(kinds: Iterable<StepKind>): number {
  let mask = 0;
  for (const k of kinds) mask |= bit(k);
  return mask;
}

/**
 * The progress file of one replay. In memory: a mask of done steps per certificate, and the
 * Webcert id only of certificates with steps still to come (with `planned`), so what it holds does
 * not grow with the month (decision 0034); the file keeps every row.
 */
export class LoadProgress {
  private readonly ids = new Map<number, string>();
  private readonly masks = new Map<number, number>();
  private pending = new Map<number, { id: string; mask: number }>();
  private flushArmed = false;
  private highest = -1;
  private readonly upsert: Database.Statement;
  private readonly putMeta: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    private readonly planned?: (index: number) => number,
  ) {
    this.upsert = db.prepare('INSERT INTO step_done (idx, certificate_id, mask) VALUES (?, ?, ?) ON CONFLICT (idx) DO UPDATE SET certificate_id = excluded.certificate_id, mask = excluded.mask');
    this.putMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    for (const row of db.prepare('SELECT idx, certificate_id, mask FROM step_done').iterate() as IterableIterator<{ idx: number; certificate_id: string; mask: number }>) {
      if (!this.allDone(row.idx, row.mask)) this.ids.set(row.idx, row.certificate_id);
      this.masks.set(row.idx, row.mask);
      if (row.idx > this.highest) this.highest = row.idx;
    }
  }

  /**
   * Opens (or creates) `path`. `planned` gives a certificate's planned steps ({@link stepMask}):
   * the id of a certificate whose steps are all done is then let go from memory.
   */
  static open(path: string, planned?: (index: number) => number): LoadProgress {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // better-sqlite3's default page cache is 16 MB per connection; rows here are read once, at start.
    db.pragma('cache_size = -2000');
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE IF NOT EXISTS step_done (idx INTEGER PRIMARY KEY, certificate_id TEXT NOT NULL, mask INTEGER NOT NULL)');
    return new LoadProgress(db, planned);
  }

  private allDone(index: number, mask: number): boolean {
    if (!this.planned) return false;
    const all = this.planned(index);
    return all !== 0 && (mask & all) === all;
  }

  /** The settings stored by the first run, if any. */
  get settings(): ReplaySettings | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'settings'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ReplaySettings) : undefined;
  }

  set settings(value: ReplaySettings) {
    this.putMeta.run('settings', JSON.stringify(value));
  }

  /** The virtual time the replay had reached (written with each group). */
  get clockAt(): number | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'clockAt'").get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  }

  /** Whether the replay ran to its end. */
  get finished(): boolean {
    return this.db.prepare("SELECT 1 FROM meta WHERE key = 'finished'").get() !== undefined;
  }

  markFinished(): void {
    this.flush();
    this.putMeta.run('finished', new Date().toISOString());
  }

  certificateId(index: number): string | undefined {
    return this.ids.get(index);
  }

  isDone(index: number, kind: StepKind): boolean {
    return ((this.masks.get(index) ?? 0) & bit(kind)) !== 0;
  }

  /** Steps recorded as done, in all. */
  get doneCount(): number {
    let n = 0;
    for (const mask of this.masks.values()) for (let m = mask; m; m &= m - 1) n++;
    return n;
  }

  /** The highest certificate index with an id (creates run in index order). */
  get highestCreated(): number {
    return this.highest;
  }

  /** Records a step Webcert acknowledged; written with the turn's group. */
  done(index: number, certificateId: string, kind: StepKind, clockAt: number): void {
    const mask = (this.masks.get(index) ?? 0) | bit(kind);
    this.masks.set(index, mask);
    if (this.allDone(index, mask)) this.ids.delete(index);
    else this.ids.set(index, certificateId);
    if (index > this.highest) this.highest = index;
    this.pending.set(index, { id: certificateId, mask });
    this.lastClock = clockAt;
    if (!this.flushArmed) {
      this.flushArmed = true;
      setImmediate(() => this.flush());
    }
  }

  private lastClock?: number;

  /** Writes the waiting rows in one transaction. */
  flush(): void {
    this.flushArmed = false;
    if (!this.db.open) return;
    const rows = this.pending;
    this.pending = new Map();
    const clockAt = this.lastClock;
    this.db.transaction(() => {
      for (const [idx, { id, mask }] of rows) this.upsert.run(idx, id, mask);
      if (clockAt !== undefined) this.putMeta.run('clockAt', String(clockAt));
    })();
  }

  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}
