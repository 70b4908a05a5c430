/**
 * A SIGKILL inside the window between a delivery's outbound journal row and Webcert's own record
 * of it: the sender runs in a child process that kills itself right after that row is committed
 * (`testing/senderProcess.ts`), twice, and is started again on the same files each time. What
 * crossed the wire and what Webcert's state file says must agree: every delivery has a number of
 * its own, and the redelivery schedule counts the deliveries whose outcome Webcert recorded
 * (docs/decisions/0035-delivery-numbered-before-sending.md).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { OK, resultXml, type Result } from '../../kit/soap/resultType.js';
import { WebcertState } from '../state/webcertState.js';
import { NotificationSender } from './notificationSender.js';
import { redeliveryProfile, waitAfterAttempt } from './redeliverySchedule.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const START = Date.parse('2026-03-02T09:00:00Z');
const TECHNICAL_ERROR: Result = { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'Journalen är tillfälligt otillgänglig' };
const answerXml = (result: Result) => buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${NS}">${resultXml(NS, result)}</tns:CertificateStatusUpdateForCareResponse>`);

let dir: string | undefined;
let server: http.Server | undefined;
test.afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the sender process once to its end (settled, or killed by itself). */
function runSender(env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const entry = pathToFileURL(path.join(ROOT, 'simulators/webcert/notification/testing/senderProcess.ts')).href;
  const code = `import { register } from 'node:module'; import { pathToFileURL } from 'node:url';
register('ts-node/esm', pathToFileURL(${JSON.stringify(`${ROOT}/`)})); await import(${JSON.stringify(entry)});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  return new Promise((resolve) => child.on('close', (exitCode, signal) => resolve({ code: exitCode, signal, output })));
}

test('killed twice right after a delivery\'s journal row, the sender numbers every delivery once and counts only recorded outcomes in the schedule', async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-sender-kill-'));
  // The journal system: TECHNICAL_ERROR to the first two deliveries, OK to the rest.
  const bodies: string[] = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(answerXml(bodies.length <= 2 ? TECHNICAL_ERROR : OK));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const files = {
    SAMVERKAN_SENDER_STATE: path.join(dir, 'webcert-state.sqlite'),
    SAMVERKAN_SENDER_JOURNAL: path.join(dir, 'journal.sqlite'),
    SAMVERKAN_SENDER_RECEIVER: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`,
  };
  const schedule = redeliveryProfile('forum-2022').schedule;
  const firstWait = waitAfterAttempt(schedule, 1)!;

  // 1. The first delivery gets TECHNICAL_ERROR; the process dies once that is in the journal.
  const first = await runSender({ ...files, SAMVERKAN_SENDER_CLOCK: String(START), SAMVERKAN_SENDER_SEND: 'cert-window', SAMVERKAN_SENDER_KILL_AT_ROW: '1' });
  expect(first.signal, first.output).toBe('SIGKILL');
  // 2. Restarted: the update goes again at once (TECHNICAL_ERROR, recorded, resend planned a
  //    minute later); the resend gets OK and the process dies once that is in the journal.
  const second = await runSender({ ...files, SAMVERKAN_SENDER_CLOCK: String(START), SAMVERKAN_SENDER_KILL_AT_ROW: '2' });
  expect(second.signal, second.output).toBe('SIGKILL');
  expect(second.output).toContain('resumed 1');
  // 3. Restarted at the time of the planned resend: it goes again and gets OK.
  const third = await runSender({ ...files, SAMVERKAN_SENDER_CLOCK: String(START + firstWait) });
  expect(third.code, third.output).toBe(0);
  expect(third.output).toContain('resumed 1');

  // On the wire: four deliveries of the same bytes (at least once, as Webcert's queue redelivers).
  expect(bodies).toHaveLength(4);
  expect(new Set(bodies).size).toBe(1);
  // The traffic journal: four deliveries of the one message, each under a number of its own.
  const journal = TrafficJournal.open({ path: files.SAMVERKAN_SENDER_JOURNAL });
  const rows = journal.query({ operation: 'CertificateStatusUpdateForCare', side: 'outbound' });
  journal.close();
  expect(new Set(rows.map((r) => r.messageId)).size).toBe(1);
  expect(rows.map((r) => [r.attempt, r.resultCode])).toEqual([[1, 'ERROR'], [2, 'ERROR'], [3, 'OK'], [4, 'OK']]);

  // Webcert's record: delivered; the outcomes it recorded are deliveries 2 and 4, a minute apart
  // as the schedule's first wait says, so the schedule counted two deliveries, not four.
  const state = WebcertState.open(files.SAMVERKAN_SENDER_STATE);
  try {
    const sender = new NotificationSender({ clock: new VirtualClock({ start: START }), schedule, route: () => undefined, timeoutMs: 1, state });
    const [n] = sender.list('cert-window');
    expect(n).toMatchObject({
      status: 'SUCCESS',
      deliveriesStarted: 4,
      attempts: [
        { attempt: 2, at: START, verdict: 'RESEND' },
        { attempt: 4, at: START + firstWait, verdict: 'SUCCESS' },
      ],
    });
    expect(n!.id).toBe(rows[0]!.messageId);
  } finally {
    state.close();
  }
});
