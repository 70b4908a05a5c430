/**
 * A session with manual steps and an automated case, killed with SIGKILL in the middle of a manual
 * step (after its journal system had already acted), resumed and finished: every recorded result
 * and every exchange is there exactly once, the automated case is not run again, and the step
 * under way when the kill came keeps the traffic from before the kill.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { SessionStore } from '../../harness/sessions/store/sessionStore.js';
import { createDraftAsJournal, pageState, postResult, samverkan, waitForStep, freshFolder } from './sessionSteps.js';

test.setTimeout(900_000);

test('SIGKILL mitt i ett manuellt steg, sedan resume: inget registrerat resultat eller utbyte förloras eller dubbleras', { tag: ['@session'] }, async ({}, testInfo) => {
  const sessionsDir = freshFolder(testInfo.outputPath('sessions-')); // its own, even if another run shares the output folder
  const children: Array<ReturnType<typeof samverkan>> = [];
  const start = samverkan(['session', 'start', '--vendor-group', 'evimeria', '--region', 'evimeria-agent', '--only', 'start-miljo', 'auto-status', 'skapa-utkast-lisjp', 'intygsoversikt', '--no-input', '--workers', '1'], sessionsDir);
  children.push(start);
  try {
    const [, id] = await start.waitFor(/session (\S+) – Evimeria \/ Evimeria \(agent\), 4 fall \(1 automatiska\)/);
    const [, pageUrl] = await start.waitFor(/sessionssidan (http:\/\/127\.0\.0\.1:\d+\/)/);
    await waitForStep(pageUrl!, 'start-miljo');
    await postResult(pageUrl!, 'start-miljo', 'passed', 'Deltagarna på plats');
    // The automated case runs (Playwright), then the next manual step waits.
    const waiting = await waitForStep(pageUrl!, 'skapa-utkast-lisjp');
    const certificateId = await createDraftAsJournal(waiting.urls['CreateDraftCertificate v3']!);
    await expect.poll(async () => (await pageState(pageUrl!)).current!.observations.map((o) => o.seen.length), { timeout: 60_000 }).toEqual([1, 1]);

    start.child.kill('SIGKILL');
    expect(await start.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const dir = join(sessionsDir, id!);
    const killed = SessionStore.open(dir);
    const before = { results: killed.results(), tests: killed.tests(), autoTraffic: killed.traffic('auto-status') };
    killed.close();
    expect(before.results.map((r) => r.caseId)).toEqual(['start-miljo', 'auto-status']);
    expect(before.tests).toHaveLength(1);
    expect(before.autoTraffic.length).toBeGreaterThan(0);

    const resume = samverkan(['session', 'resume', id!, '--no-input'], sessionsDir);
    children.push(resume);
    await resume.waitFor(/fortsätter session \S+ – 2 av 4 fall registrerade/);
    const [, resumedUrl] = await resume.waitFor(/sessionssidan (http:\/\/127\.0\.0\.1:\d+\/)/);
    const resumed = await waitForStep(resumedUrl!, 'skapa-utkast-lisjp');
    // What the journal system did before the kill is still this step's evidence.
    expect(resumed.current!.observations.map((o) => o.seen.length)).toEqual([1, 1]);
    expect(resumed.urls['CreateDraftCertificate v3']).toBe(waiting.urls['CreateDraftCertificate v3']); // same Webcert address after the restart
    await postResult(resumedUrl!, 'skapa-utkast-lisjp', 'passed', 'Utkastet kom fram');
    await waitForStep(resumedUrl!, 'intygsoversikt');
    await postResult(resumedUrl!, 'intygsoversikt', 'skipped', 'Översikten byggs om i nästa version');
    expect((await resume.exited).code).toBe(0);
    await testInfo.attach('resume-utskrift', { body: resume.output(), contentType: 'text/plain' });

    const store = SessionStore.open(dir);
    const results = store.results();
    expect(results.map((r) => [r.caseId, r.outcome, r.comment])).toEqual([
      ['start-miljo', 'passed', 'Deltagarna på plats'],
      ['auto-status', 'passed', '1 godkända, 0 underkända, 0 överhoppade av 1 tester'],
      ['skapa-utkast-lisjp', 'passed', 'Utkastet kom fram'],
      ['intygsoversikt', 'skipped', 'Översikten byggs om i nästa version'],
    ]);
    // Nothing recorded before the kill changed, and the automated case was not run again.
    expect(results.slice(0, 2)).toEqual(before.results);
    expect(store.tests()).toEqual(before.tests);
    expect(store.traffic('auto-status')).toEqual(before.autoTraffic);
    expect(readdirSync(join(dir, 'runs'))).toEqual(['001']);
    // The step under way keeps its whole window of the session's traffic journal, each exchange once.
    const kept = store.traffic('skapa-utkast-lisjp');
    expect(kept.filter((e) => e.side === 'inbound' && e.operation === 'CreateDraftCertificate').map((e) => e.certificateId)).toEqual([certificateId]);
    const journal = TrafficJournal.open({ path: join(dir, 'trafik.sqlite') });
    const mark = store.firstStart('skapa-utkast-lisjp')!.journalMark!;
    const recordedUntil = Math.max(...kept.map((e) => e.id));
    expect(kept.map((e) => e.id)).toEqual(journal.query({ afterId: mark, withoutBodies: true }).filter((e) => e.id <= recordedUntil).map((e) => e.id));
    journal.close();
    const all = ['start-miljo', 'skapa-utkast-lisjp', 'intygsoversikt'].flatMap((c) => store.traffic(c).map((e) => e.id));
    expect(new Set(all).size).toBe(all.length);
    expect(store.meta('finishedAt')).toBeTruthy();
    store.close();
    expect(existsSync(join(dir, 'protokoll.html'))).toBe(true);
  } finally {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  }
});
