/**
 * SIGKILL under load loses no acknowledged status update: the receiver answers only after the
 * group commit that holds the exchange returned, so every update whose sender got an answer is in
 * the journal file when it is opened again (docs/decisions/0016-lean-soap-path.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { CALLER_HEADER } from '../../kit/network/exchangeNotes.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { lisjpDraft } from '../../webcert/message/certificateFixtures.js';
import { buildCertificateStatusUpdate } from '../../webcert/message/statusUpdateMessage.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let child: ChildProcess | undefined;
let dir: string | undefined;

test.afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the receiver process; resolves with its endpoint. */
function startReceiver(file: string): Promise<string> {
  const entry = pathToFileURL(path.join(ROOT, 'simulators/journal/testing/receiverProcess.ts')).href;
  const code = `import { register } from 'node:module'; import { pathToFileURL } from 'node:url';
register('ts-node/esm', pathToFileURL(${JSON.stringify(`${ROOT}/`)})); await import(${JSON.stringify(entry)});`;
  child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), SAMVERKAN_RECEIVER_JOURNAL: file, SAMVERKAN_RECEIVER_GROUP_MS: '25' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d) => {
      out += String(d);
      const url = /^receiver (http:\/\/127\.0\.0\.1:\d+\S*)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    child!.once('exit', (code) => reject(new Error(`the receiver process exited (${code}) before listening: ${stderr}`)));
  });
}

test('killed with SIGKILL under load, the receiver has every update it answered in its journal file', async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receiver-kill-'));
  const file = path.join(dir, 'journal.sqlite');
  const url = await startReceiver(file);
  const certificate = lisjpDraft();
  const template = buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: Date.parse('2026-03-02T08:00:00Z') }), certificate.unit.hsaId);
  const answered = new Set<string>();
  let sent = 0;
  let failed = 0;
  let killedAt = -1;
  const kill = () => {
    if (killedAt >= 0) return;
    killedAt = answered.size;
    child!.kill('SIGKILL');
  };
  // 24 senders, each posting updates with certificate ids of its own until the process is gone.
  const sender = async (n: number) => {
    for (let i = 0; killedAt < 0; i++) {
      const id = `kill-${n}-${i}`;
      sent++;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', [CALLER_HEADER]: 'webcert' }, body: template.replaceAll(certificate.id, id) });
        const text = await res.text();
        if (res.status === 200 && text.includes('<core:resultCode>OK</core:resultCode>')) answered.add(id);
        else throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
        if (answered.size >= 600) kill();
      } catch (error) {
        if (killedAt < 0) throw error;
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: 24 }, (_, n) => sender(n)));
  await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));
  expect(child!.signalCode).toBe('SIGKILL');

  const journal = TrafficJournal.open({ path: file });
  try {
    const stored = new Set(journal.query({ operation: 'CertificateStatusUpdateForCare', withoutBodies: true }).map((e) => e.certificateId));
    const lost = [...answered].filter((id) => !stored.has(id));
    expect(lost, `${answered.size} answered of ${sent} sent (${failed} cut by the kill); answered but not in the journal`).toEqual([]);
    expect(answered.size).toBeGreaterThanOrEqual(killedAt);
    test.info().annotations.push({ type: 'kill', description: `${answered.size} answered, ${sent} sent, ${failed} cut by the kill, ${stored.size} in the journal` });
  } finally {
    journal.close();
  }
});
