/**
 * Test support for the eID app's tests (not a test file itself): a started simulator with its own
 * temporary state folder, a manual virtual clock, an in-memory journal and JSON helpers over real
 * HTTP. One TestPki per worker process is shared through `issuer` (creating one takes a second
 * or more on a busy machine); it is only read after it is made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { FaultRules } from '../kit/faults/faultRules.js';
import { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { TestPki } from '../kit/pki/testPki.js';
import type { AppMode } from './app/appMode.js';
import { EidAppSimulator } from './eidAppSimulator.js';
import { SoftHsmTokenStore } from './token/softHsmTokenStore.js';

let shared: Promise<TestPki> | undefined;

/** The test PKI of this worker process, made once in a temp folder that is removed when the process exits. */
export function sharedTestPki(): Promise<TestPki> {
  if (!shared) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-pki-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    shared = TestPki.open(dir);
  }
  return shared;
}

/** Two test people; cards are created for the ones a test asks for. */
export const PEOPLE = {
  anna: { hsaId: 'SE2321000016-A001', givenName: 'Anna', surname: 'Läkare' },
  bo: { hsaId: 'SE2321000016-B002', givenName: 'Bo', surname: 'Sköterska' },
} as const;

/** PIN and SO PIN of every test card. */
export const PIN = '1234';
export const SO_PIN = '12345678';

/** A running simulator and what a test needs around it. */
export interface EidAppHarness {
  sim: EidAppSimulator;
  clock: VirtualClock;
  journal: TrafficJournal;
  faults: FaultRules;
  store: SoftHsmTokenStore;
  /** JSON request to the simulator; resolves with status and parsed JSON (or text). */
  call(method: string, pathname: string, body?: unknown): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  stop(): Promise<void>;
}

/** Starts a simulator in a fresh temp state folder with cards for `people` (the first in the reader). */
export async function startEidApp(pki: TestPki, args: { people?: Array<keyof typeof PEOPLE>; mode?: AppMode; pin?: string | null; noClientAfterMs?: number } = {}): Promise<EidAppHarness> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-app-'));
  const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2026-03-02T09:00:00Z') });
  const journal = TrafficJournal.open({ path: ':memory:' });
  const faults = new FaultRules();
  const store = SoftHsmTokenStore.open(stateDir, { issuer: pki });
  const people = args.people ?? ['anna'];
  for (const who of people) await store.createCard(PEOPLE[who], PIN, SO_PIN);
  const sim = await EidAppSimulator.start({
    clock,
    journal,
    faults,
    stateDir,
    cards: store,
    app: { mode: args.mode ?? 'auto', activeCard: people[0] ? PEOPLE[people[0]].hsaId : undefined, pin: args.pin === null ? undefined : (args.pin ?? PIN), noClientAfterMs: args.noClientAfterMs },
  });
  return {
    sim,
    clock,
    journal,
    faults,
    store,
    async call(method, pathname, body) {
      const response = await fetch(`${sim.url}${pathname}`, {
        method,
        redirect: 'manual',
        headers: body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text, headers: response.headers };
    },
    async stop() {
      await sim.stop();
      journal.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A base64 challenge of `n` random-looking bytes. */
export function challenge(seed = 'utmaning'): { base64: string; bytes: Buffer } {
  const bytes = Buffer.from(`${seed}-${'x'.repeat(24)}`);
  return { base64: bytes.toString('base64'), bytes };
}
