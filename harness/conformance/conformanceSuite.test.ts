/**
 * The conformance suite against the stand-in journal system, a separate process written from the
 * WSDL/XSD: the stand-in passes every requirement; its broken variant (ERROR to ANDRAT, no answer
 * to MAKULE, a repeat refused) fails exactly the requirements those defects break, each verdict
 * citing the exchanges that show it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { startTopology, type Topology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';
import { runConformanceSuite, type ConformanceRun } from './conformanceRunner.js';
import { writeConformanceReport } from './conformanceReport.js';
import { JOURNAL_SYSTEM_REQUIREMENTS } from './requirements.js';
import { startStandinJournalSystem, type StandinJournalSystem } from './standinProcess.js';

/**
 * Webcert's client timeout in these runs: far above what the stand-in needs even on a loaded
 * machine, so only a journal that does not answer at all goes over it.
 */
const ANSWER_BOUND_MS = 15_000;

interface SuiteResult {
  run: ConformanceRun;
  entries: Map<number, JournalEntry>;
  reportDir: string;
}

async function runAgainstStandin(broken: boolean, attach: (name: string, body: string) => Promise<void>): Promise<SuiteResult> {
  const schemaRoot = requireSchemaRoot();
  let standin: StandinJournalSystem | undefined;
  let topology: Topology | undefined;
  try {
    standin = await startStandinJournalSystem({ schemaRoot, broken });
    const catchUpTrigger = `${standin.url}/catch-up`;
    topology = await startTopology(
      defaultTopologyConfig({
        parties: { webcert: { mode: 'simulated' }, journal: { mode: 'external', url: standin.url }, identity: { mode: 'none' } },
        webcert: { notificationTimeoutMs: ANSWER_BOUND_MS },
      }),
    );
    const run = await runConformanceSuite({ topology, schemaRoot, catchUpTrigger });
    const reportDir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const files = await writeConformanceReport(run, JOURNAL_SYSTEM_REQUIREMENTS, topology.journal, reportDir);
    await attach('conformance.md', readFileSync(files.markdown, 'utf8'));
    await attach('traffic.jsonl', readFileSync(files.traffic, 'utf8'));
    const entries = new Map(run.entryIds.map((id) => [id, topology!.journal.get(id)!]));
    return { run, entries, reportDir };
  } finally {
    await topology?.stop();
    await standin?.stop();
    if (standin) await attach('stand-in output', standin.output());
  }
}

test.describe('journal-system conformance suite', () => {
  test.setTimeout(240_000);
  const dirs: string[] = [];
  test.afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('the stand-in journal system passes every requirement; the report and the traffic hold the evidence', async ({}, testInfo) => {
    const { run, entries, reportDir } = await runAgainstStandin(false, (name, body) => testInfo.attach(name, { body, contentType: 'text/plain' }));
    dirs.push(reportDir);

    expect(run.verdicts.map((v) => [v.requirement, v.verdict])).toEqual(JOURNAL_SYSTEM_REQUIREMENTS.map((r) => [r.id, 'pass']));
    expect(run.answerBoundMs).toBe(ANSWER_BOUND_MS);
    expect(run.receiver).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/clinicalprocess\/healthcond\/certificate\/CertificateStatusUpdateForCare\/3\/rivtabp21$/);
    // JR-O02: two updates were refused as schema-invalid (FAILURE), the stand-in caught up with a
    // valid ListCertificatesForCareWithQA for the patient and unit, and holds them now.
    const catchUp = run.verdicts.find((v) => v.requirement === 'JR-O02')!;
    const missed = catchUp.evidence.map((id) => entries.get(id)!).filter((e) => e.operation === 'CertificateStatusUpdateForCare' && e.requestBody?.includes('utanforSchemat'));
    expect(missed.map((e) => [e.eventCode, e.httpStatus])).toEqual([['ANDRAT', 500], ['KFSIGN', 500]]);
    expect(missed.every((e) => e.responseBody?.includes('Unmarshalling Error'))).toBe(true);
    const calls = catchUp.evidence.map((id) => entries.get(id)!).filter((e) => e.operation === 'ListCertificatesForCareWithQA');
    expect(calls.length).toBe(1);
    expect(validateSoapMessage(calls[0]!.requestBody!, 'ListCertificatesForCareWithQA', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
    expect(calls[0]!.responseBody).toMatch(/<core:handelsekod><types:code>KFSIGN<\/types:code>/);
    expect(catchUp.reason).toMatch(/it now holds the missed ANDRAT@\S+, KFSIGN@\S+ \(GET \/status-updates\)/);
    // Every event code of today crossed the wire, answered OK by the stand-in (but the two refused on purpose).
    const sent = [...entries.values()].filter((e) => e.operation === 'CertificateStatusUpdateForCare' && !missed.includes(e));
    expect(new Set(sent.map((e) => e.eventCode))).toEqual(new Set(['SKAPAT', 'ANDRAT', 'KFSIGN', 'SIGNAT', 'SKICKA', 'RADERA', 'MAKULE', 'NYFRFM', 'NYSVFM', 'NYFRFV', 'HANFRFM', 'HANFRFV']));
    // JR-S08: NYFRFM carried its ämne and last answer date, and the counters of the question events.
    expect(sent.some((e) => /<core:amne><types:code>KOMPLT<\/types:code>[\s\S]*<\/core:amne><core:sistaDatumForSvar>2026-03-30</.test(e.requestBody ?? ''))).toBe(true);
    expect(sent.some((e) => e.eventCode === 'HANFRFM' && (e.requestBody ?? '').includes('<tns:mottagnaFragor><core:totalt>4</core:totalt><core:ejBesvarade>0</core:ejBesvarade><core:besvarade>0</core:besvarade><core:hanterade>4</core:hanterade></tns:mottagnaFragor>'))).toBe(true);
    expect(sent.every((e) => e.resultCode === 'OK' && e.httpStatus === 200)).toBe(true);
    // A patient with protected identity and one with a samordningsnummer were among them.
    expect(sent.some((e) => e.requestBody?.includes('<core:efternamn>Skyddade personuppgifter</core:efternamn><core:postadress></core:postadress>'))).toBe(true);
    expect(sent.some((e) => e.requestBody?.includes('<types:root>1.2.752.129.2.1.3.3</types:root><types:extension>198009692388</types:extension>'))).toBe(true);
    // JR-S04's resend went out byte-identical to the first delivery, and both were answered OK.
    const s04 = run.verdicts.find((v) => v.requirement === 'JR-S04')!;
    const signat = s04.evidence.map((id) => entries.get(id)!).filter((e) => e.eventCode === 'SIGNAT');
    expect(signat.length).toBeGreaterThanOrEqual(4);
    expect(signat[1]!.requestBody).toBe(signat[0]!.requestBody);
    // Each verdict cites its own exchanges; JR-S06 judged them all.
    for (const v of run.verdicts) expect(v.evidence.length).toBeGreaterThan(0);
    expect(run.verdicts.find((v) => v.requirement === 'JR-S06')!.evidence.length).toBe(sent.length);

    const markdown = readFileSync(join(reportDir, 'conformance.md'), 'utf8');
    expect(markdown).toContain(`${JOURNAL_SYSTEM_REQUIREMENTS.length} requirements: ${JOURNAL_SYSTEM_REQUIREMENTS.length} pass, 0 fail`);
    const json = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { verdicts: { requirement: string; verdict: string; sends: string }[] };
    expect(json.verdicts.every((v) => v.verdict === 'pass' && v.sends.length > 0)).toBe(true);
    const traffic = readFileSync(join(reportDir, 'traffic.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as JournalEntry);
    expect(traffic.map((e) => e.id)).toEqual(run.entryIds);
  });

  test('the journal-system simulator, as `--journal sim`, passes too', async () => {
    const topology = await startTopology(defaultTopologyConfig({ parties: { webcert: { mode: 'simulated' }, journal: { mode: 'simulated' }, identity: { mode: 'none' } }, webcert: { notificationTimeoutMs: ANSWER_BOUND_MS } }));
    try {
      const run = await runConformanceSuite({ topology, schemaRoot: requireSchemaRoot() });
      expect(run.verdicts.filter((v) => v.verdict === 'fail').map((v) => `${v.requirement}: ${v.reason}`)).toEqual([]);
      // No catch-up trigger: the catch-up is reported not judged (never a pass), with the reason.
      expect(run.verdicts.filter((v) => v.verdict !== 'pass').map((v) => [v.requirement, v.verdict])).toEqual([['JR-O02', 'not-judged']]);
      expect(run.verdicts.find((v) => v.requirement === 'JR-O02')!.reason).toContain('no catch-up trigger was given (--catch-up-trigger <url>)');
      // Both sides of each exchange are in the traffic: Webcert's call and the simulator's receipt.
      expect(run.entryIds.map((id) => topology.journal.get(id)!.side).filter((side) => side === 'inbound').length).toBe(run.verdicts.find((v) => v.requirement === 'JR-S06')!.evidence.length);
    } finally {
      await topology.stop();
    }
  });

  test('the broken stand-in fails exactly the requirements its defects break, each with the exchanges that show it', async ({}, testInfo) => {
    const { run, entries, reportDir } = await runAgainstStandin(true, (name, body) => testInfo.attach(name, { body, contentType: 'text/plain' }));
    dirs.push(reportDir);

    const failed = run.verdicts.filter((v) => v.verdict === 'fail').map((v) => v.requirement);
    expect(failed).toEqual(['JR-S02', 'JR-S04', 'JR-S05', 'JR-S06']);
    const verdict = (id: string) => run.verdicts.find((v) => v.requirement === id)!;
    const failing = (id: string) => verdict(id).failing.map((entryId) => entries.get(entryId)!);
    const shows = (e: JournalEntry) => `${e.eventCode} ${e.resultCode ?? e.outcome} ${e.errorId ?? ''}`.trim();

    // JR-S02: ANDRAT refused for good, MAKULE never answered; the other codes were stored.
    expect(failing('JR-S02').map(shows)).toEqual(['ANDRAT ERROR APPLICATION_ERROR', 'MAKULE transport-error TIMEOUT']);
    expect(verdict('JR-S02').reason).toContain(`no answer within the bound of ${ANSWER_BOUND_MS} ms`);
    // JR-S04: every repeat of a stored update refused as VALIDATION_ERROR: the resend, both of the
    // pair sent at once, the one with hanteratAv set again, and the late SKAPAT.
    const s04 = failing('JR-S04');
    expect(s04.length).toBe(5);
    expect(s04.every((e) => e.resultCode === 'ERROR' && e.errorId === 'VALIDATION_ERROR')).toBe(true);
    expect(new Set(s04.map((e) => e.eventCode))).toEqual(new Set(['SIGNAT', 'SKAPAT']));
    // JR-S05: every ANDRAT of both bursts refused; the draft signed without ANDRAT was stored.
    expect(failing('JR-S05').map(shows)).toEqual(Array(12).fill('ANDRAT ERROR APPLICATION_ERROR'));
    // JR-S06: the run's permanent errors and the missing answer, from all three requirements.
    const s06 = failing('JR-S06');
    expect(new Set(s06.map(shows))).toEqual(new Set(['ANDRAT ERROR APPLICATION_ERROR', 'MAKULE transport-error TIMEOUT', 'SIGNAT ERROR VALIDATION_ERROR', 'SKAPAT ERROR VALIDATION_ERROR']));
    expect(s06.length).toBe(2 + 5 + 12);
    // Every failing exchange is in the evidence, and the passing requirements were all stored.
    for (const v of run.verdicts) expect(v.evidence).toEqual(expect.arrayContaining(v.failing));
    // The catch-up is not what the defects break: passed, its evidence being the refused updates and the call.
    expect(verdict('JR-O02').verdict).toBe('pass');
    for (const v of run.verdicts.filter((x) => x.verdict === 'pass' && x.requirement !== 'JR-O02')) {
      expect(v.evidence.map((id) => entries.get(id)!.resultCode)).toEqual(v.evidence.map(() => 'OK'));
    }

    const markdown = readFileSync(join(reportDir, 'conformance.md'), 'utf8');
    expect(markdown).toContain(`${run.verdicts.length} requirements: ${run.verdicts.length - 4} pass, 4 fail`);
    expect(markdown).toContain('<core:errorId>APPLICATION_ERROR</core:errorId>');
  });
});
