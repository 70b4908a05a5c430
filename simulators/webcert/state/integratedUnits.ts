/**
 * The units Webcert sends status updates for ("integrated" once a journal system has called
 * CreateDraftCertificate for them), kept in the state file so they survive a restart. It is a
 * Set: reads are in memory (a few thousand units at most), every change is written through.
 */
import type Database from 'better-sqlite3';
import type { WebcertState } from './webcertState.js';

export class IntegratedUnits extends Set<string> {
  private readonly state: WebcertState;
  private readonly insert: Database.Statement<[string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly removeAll: Database.Statement<[]>;

  constructor(state: WebcertState) {
    super();
    this.state = state;
    const db = state.db;
    for (const hsaId of db.prepare<[], string>('SELECT hsa_id FROM integrated_unit').pluck().all()) super.add(hsaId);
    this.insert = db.prepare<[string]>('INSERT OR IGNORE INTO integrated_unit (hsa_id) VALUES (?)');
    this.remove = db.prepare<[string]>('DELETE FROM integrated_unit WHERE hsa_id = ?');
    this.removeAll = db.prepare<[]>('DELETE FROM integrated_unit');
  }

  override add(hsaId: string): this {
    // Called by Set's own constructor before the statements exist; nothing to write then.
    if (!super.has(hsaId) && this.insert) this.state.write(() => this.insert.run(hsaId));
    return super.add(hsaId);
  }

  override delete(hsaId: string): boolean {
    if (super.has(hsaId)) this.state.write(() => this.remove.run(hsaId));
    return super.delete(hsaId);
  }

  override clear(): void {
    this.state.write(() => this.removeAll.run());
    super.clear();
  }
}
