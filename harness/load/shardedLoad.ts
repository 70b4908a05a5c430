/**
 * `samverkan load --shards N`: the month's replay in N child processes, each a topology of its own
 * with some of the regions and a state folder of its own (`<state-dir>/shard-<k>`), so both cores
 * of a machine work. The parent deals the regions out, shows one progress line, stops every shard
 * on Ctrl-C, and prints one summary of all shards (decision 0034). It loads no party itself. Here:
 * the deal in the state folder; the shards are started by loadLaunch.ts and replayRun.js.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShardDeal } from './regionDeal.js';
import { LoadInputError } from './monthPlan.js';

/** The file in the state folder that holds the deal, so `--resume` deals the same way. */
export const SHARDS_FILE = 'shards.json';

/** The settings a sharded replay was started with (and must be resumed with). */
export interface ShardedSettings {
  month: string;
  regions: string[];
  scale: number;
  days?: number;
  journal: string;
  shards: ShardDeal[];
}

/** The state folder of shard `k` (1-based). */
export const shardDir = (stateDir: string, k: number) => join(stateDir, `shard-${k}`);

/** The deal stored in `stateDir` by the run to resume, if it was sharded. */
export function storedShards(stateDir: string): ShardedSettings | undefined {
  const file = join(stateDir, SHARDS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ShardedSettings) : undefined;
}

/** Removes a sharded replay's deal and shard folders from `stateDir` (a new replay there starts). */
export function clearShards(stateDir: string): void {
  rmSync(join(stateDir, SHARDS_FILE), { force: true });
  for (let k = 1; existsSync(shardDir(stateDir, k)); k++) rmSync(shardDir(stateDir, k), { recursive: true, force: true });
}

/** Clears what a previous replay (sharded or not) left in `stateDir` and writes the new deal. */
export function prepareShardedState(stateDir: string, settings: ShardedSettings): void {
  mkdirSync(stateDir, { recursive: true });
  clearShards(stateDir);
  for (const f of ['load.sqlite', 'journal.sqlite', 'webcert-state.sqlite', 'intygstjanst-state.sqlite']) for (const s of ['', '-wal', '-shm']) rmSync(join(stateDir, f + s), { force: true });
  writeFileSync(join(stateDir, SHARDS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
}

/** Checks that a resume asks for the replay stored in `stateDir`. @throws {LoadInputError} */
export function checkResume(stored: ShardedSettings, asked: Omit<ShardedSettings, 'shards'>, shards: number | undefined, stateDir: string): void {
  const { shards: deal, ...settings } = stored;
  if (JSON.stringify(settings) !== JSON.stringify(asked)) {
    throw new LoadInputError(`the replay in ${stateDir} was started with ${JSON.stringify(settings)}; resume it with the same month, regions, scale, days and journal, or start a new one without --resume`);
  }
  if (shards !== undefined && shards !== deal.length) {
    throw new LoadInputError(`the replay in ${stateDir} runs in ${deal.length} shards; resume it with --shards ${deal.length} (or without --shards)`);
  }
}
