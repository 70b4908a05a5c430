/**
 * A journal system's status-update receiver down for a day (503 from its front end), then up
 * again: Webcert resends by its schedule while it is down and the next resend after it is back is
 * answered OK. Everything asserted is what crossed the wire, read from the traffic journal.
 */
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from '../flows/statusFlowSteps.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The forum's schedule (Användarforum Webcert 2022-05-30): 1 min, 5 min, 30 min, 60 min, 4 h, then daily; 30 attempts. */
const FORUM_2022_WAITS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 60 * MINUTE, 4 * 60 * MINUTE, ...Array.from({ length: 24 }, () => DAY)];

test('statusmottagaren nere ett dygn: Webcert skickar om enligt schemat, sedan besvaras omsändningen OK', { tag: ['@status-resend', '@incident', '@LISJP'] }, async ({ admin, journalUser }, testInfo) => {
  const { downAt, certificateId } = await steg('Journalsystemets statusmottagare svarar 503 ett dygn; ett LISJP-utkast skapas', async () => {
    const down = await admin.addFault({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'httpStatus', status: 503 } });
    const downAt = (await admin.clock()).now;
    const certificateId = await createLisjpDraft(journalUser, undefined, 'vk-nere-1');
    await settle(admin, DAY);
    await admin.removeFault(down.id);
    return { downAt, certificateId };
  });
  const upAt = (await admin.clock()).now;
  await steg('Mottagaren är uppe igen; två dygn går', () => settle(admin, 2 * DAY));

  await steg('Webcert skickade om enligt forumets schema medan mottagaren var nere; första omsändningen efter dygnet besvarades OK', async () => {
    // What Webcert sent, and what came back, as the wire saw it.
    const sent = await admin.journal({ side: 'outbound', fromParty: 'webcert', toParty: 'journal', certificateId, eventCode: 'SKAPAT' });
    const whileDown = sent.filter((e) => e.startedAt < upAt);
    expect(whileDown.length).toBeGreaterThan(1);
    expect(whileDown.map((e) => e.httpStatus)).toEqual(whileDown.map(() => 503));
    expect(whileDown.every((e) => e.startedAt >= downAt && e.outcome === 'error')).toBe(true);
    const afterUp = sent.filter((e) => e.startedAt >= upAt);
    expect(afterUp.map((e) => [e.outcome, e.resultCode])).toEqual([['ok', 'OK']]); // the first resend after the day is accepted, and nothing after it
    expect(sent.map((e) => e.attempt)).toEqual(sent.map((_, i) => i + 1));

    // The waits are the simulator's profile (forum-2022): 1 min, 5 min, 30 min, 60 min, 4 h, then daily.
    const times = sent.map((e) => e.startedAt);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(FORUM_2022_WAITS.slice(0, sent.length - 1));
    const check = checkSchedule(times, { ended: 'delivered' });
    expect(check.matches).toEqual(['forum-2022']);
    expect(check.conforms).toBe(true);
    // The journal system's side received the same series: every attempt arrived, the last one stored.
    expect(await admin.journalCount({ side: 'inbound', toParty: 'journal', certificateId, eventCode: 'SKAPAT' })).toBe(sent.length);
    await testInfo.attach('schedule-check mottagaren nere ett dygn', { body: scheduleCheckMarkdown(check, 'Omsändning av SKAPAT medan statusmottagaren var nere ett dygn'), contentType: 'text/markdown' });
  });
});
