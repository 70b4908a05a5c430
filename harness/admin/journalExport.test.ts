/**
 * The journal at its default size, 100,000 entries with bodies of a few KB: pages answer at once
 * and the export streams every entry at constant memory. The admin API runs in a child process
 * whose peak RSS (VmHWM) is read from /proc, so the figure is that process's alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { EXCHANGE_TABLE } from '../../simulators/kit/journal/journalDatabase.js';
import { DEFAULT_MAX_ENTRIES, TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRIES = DEFAULT_MAX_ENTRIES;
const MB = 1024 * 1024;

let dir: string;
let child: ChildProcess | undefined;
test.afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A status update as Webcert sends it, about 3.5 KB, with quotes and line breaks to escape. */
function statusUpdate(i: number): string {
  const handelse = `    <handelse><handelsekod code="SKAPAT" codeSystem="dfd7bbad-dbe5-4a2f-ba25-f7b9b2cc6b14"/><tidpunkt>2026-03-02T08:00:00</tidpunkt></handelse>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n` +
    `  <soap:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">TSTNMT2321000156-INT2</LogicalAddress></soap:Header>\n` +
    `  <soap:Body><CertificateStatusUpdateForCare xmlns="urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3">\n` +
    `    <intyg><intygs-id root="SE5565594230-B31" extension="cert-${i}"/><typ code="LISJP" displayName="Läkarintyg för sjukpenning"/></intyg>\n` +
    handelse.repeat(22) +
    `  </CertificateStatusUpdateForCare></soap:Body>\n</soap:Envelope>`
  );
}
const ANSWER = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><CertificateStatusUpdateForCareResponse><result><resultCode>OK</resultCode></result></CertificateStatusUpdateForCareResponse></soap:Body></soap:Envelope>';

/** Fills a journal file with `ENTRIES` rows in one transaction (the journal's own schema). */
function fillJournal(file: string): void {
  TrafficJournal.open({ path: file }).close();
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO ${EXCHANGE_TABLE} (side, from_party, to_party, operation, method, url, started_at, duration_ms, outcome, http_status, result_code, certificate_id, logical_address, event_code, message_id, attempt, request_headers, request_body, response_headers, response_body)
     VALUES ('outbound', 'webcert', 'journal', 'CertificateStatusUpdateForCare', 'POST', 'http://127.0.0.1:4000/status', ?, 12, 'ok', 200, 'OK', ?, 'TSTNMT2321000156-INT2', 'SKAPAT', ?, 1, '{"content-type":"text/xml; charset=utf-8"}', ?, '{"content-type":"text/xml"}', ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= ENTRIES; i++) insert.run(Date.parse('2026-03-02T07:00:00Z') + i, `cert-${i}`, `msg-${i}`, statusUpdate(i), ANSWER);
  })();
  db.close();
}

/** Starts the child and resolves with its admin URL. */
async function startChild(file: string): Promise<string> {
  const entry = pathToFileURL(path.join(ROOT, 'harness/admin/journalAdminChild.ts')).href;
  const code = `import { register } from 'node:module'; import { pathToFileURL } from 'node:url';
register('ts-node/esm', pathToFileURL(${JSON.stringify(`${ROOT}/`)})); await import(${JSON.stringify(entry)});`;
  child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), SAMVERKAN_EXPORT_JOURNAL: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (d) => {
      out += String(d);
      const url = /^admin (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    child!.once('exit', (code) => reject(new Error(`the journal admin child exited (${code}) before listening: ${stderr}`)));
  });
}

/** Resident set size now and at its peak, in bytes, of process `pid`. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

test('100,000 entries: paged at once, exported in full as JSON Lines with RSS under 300 MB', async () => {
  test.skip(process.platform !== 'linux', 'reads peak RSS from /proc');
  test.setTimeout(5 * 60_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-export-'));
  const file = path.join(dir, 'journal.sqlite');
  fillJournal(file);
  const admin = await startChild(file);

  expect(await (await fetch(`${admin}/journal/count`)).json()).toEqual({ count: ENTRIES });
  const page = (await (await fetch(`${admin}/journal`)).json()) as { entries: Array<{ id: number; requestBody?: string }>; limit: number; nextCursor: string; bodies: boolean };
  expect(page).toMatchObject({ limit: 100, nextCursor: '100', bodies: false });
  expect(page.entries.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(page.entries[0]!.requestBody).toBeUndefined();
  const last = (await (await fetch(`${admin}/journal?cursor=${ENTRIES - 2}&bodies=true&limit=1000`)).json()) as typeof page;
  expect(last.entries.map((e) => e.id)).toEqual([ENTRIES - 1, ENTRIES]);
  expect(last.nextCursor).toBeNull();
  expect(last.entries[1]!.requestBody).toBe(statusUpdate(ENTRIES));

  const before = memoryOf(child!.pid!);
  const res = await fetch(`${admin}/journal/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  const decoder = new TextDecoder();
  let rest = '';
  let lines = 0;
  let bytes = 0;
  let lastId = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    rest += decoder.decode(chunk, { stream: true });
    let end = rest.indexOf('\n');
    while (end >= 0) {
      const entry = JSON.parse(rest.slice(0, end)) as { id: number; requestBody: string; responseBody: string };
      lines += 1;
      if (entry.id !== lastId + 1 || entry.requestBody !== statusUpdate(entry.id) || entry.responseBody !== ANSWER) {
        throw new Error(`line ${lines}: expected entry ${lastId + 1} with its bodies, got ${rest.slice(0, 200)}`);
      }
      lastId = entry.id;
      rest = rest.slice(end + 1);
      end = rest.indexOf('\n');
    }
  }
  const after = memoryOf(child!.pid!);
  test.info().annotations.push({
    type: 'memory',
    description: `exported ${lines} entries, ${Math.round(bytes / MB)} MB; child RSS ${Math.round(before.rss / MB)} MB before, peak ${Math.round(after.peak / MB)} MB`,
  });
  expect(rest).toBe('');
  expect(lines).toBe(ENTRIES);
  expect(bytes).toBeGreaterThan(350 * MB); // the export is larger than the bound below: it cannot have been held whole
  expect(after.peak).toBeLessThan(300 * MB);
  expect(after.peak - before.rss).toBeLessThan(100 * MB);
});
