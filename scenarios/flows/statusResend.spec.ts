/**
 * Status updates and their resends: Webcert's redelivery of CertificateStatusUpdateForCare, shown
 * in virtual time (25 days in seconds), under both known schedules. Faults, the clock, Webcert's
 * record of each delivery and the traffic are all read and set through the admin API.
 */
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, skapatNotification, settle } from './statusFlowSteps.js';

const MIN = 60_000;
const HOURS = 3_600_000;
const DAYS = 86_400_000;

/**
 * The waits between the 30 deliveries of each profile, written from their sources (DESIGN.md,
 * "Where the forum minutes and Webcert's code disagree"), not read from the simulator.
 */
const EXPECTED_WAITS: Record<'forum-2022' | 'webcert-7', number[]> = {
  'forum-2022': [1 * MIN, 5 * MIN, 30 * MIN, 60 * MIN, 4 * HOURS, ...Array<number>(24).fill(DAYS)],
  'webcert-7': [1 * MIN, 5 * MIN, 1 * HOURS, 6 * HOURS, 12 * HOURS, ...Array<number>(24).fill(DAYS)],
};

const REFUSE_STATUS_UPDATES = { party: 'journal', operation: 'CertificateStatusUpdateForCare' } as const;

for (const profile of ['forum-2022', 'webcert-7'] as const) {
  test.describe(`omsändning enligt ${profile}`, { tag: ['@status-resend', '@LISJP'] }, () => {
    test.use({ topologyConfig: { webcert: { redelivery: profile } } });

    test(`TECHNICAL_ERROR 29 gånger, sedan OK: 30 försök med ${profile}s väntetider`, async ({ admin, journalUser }, testInfo) => {
      const wallStart = performance.now();
      const certificateId = await steg('Journalsystemet svarar TECHNICAL_ERROR 29 gånger; ett LISJP-utkast skapas', async () => {
        await admin.addFault({
          ...REFUSE_STATUS_UPDATES,
          match: { eventCode: 'SKAPAT' },
          effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'Journalen är tillfälligt otillgänglig' },
          times: 29,
        });
        return createLisjpDraft(journalUser);
      });
      await steg('26 dygn går (virtuell tid)', () => settle(admin, 26 * DAYS));

      const n = await steg('Webcert har levererat SKAPAT efter 30 försök med profilens väntetider', async () => {
        const n = await skapatNotification(admin, certificateId);
        expect(n.status).toBe('SUCCESS');
        expect(n.attempts).toHaveLength(30);
        const observed = n.attempts.slice(1).map((a, i) => a.at - n.attempts[i]!.at);
        expect(observed).toEqual(EXPECTED_WAITS[profile]);
        return n;
      });

      await steg('På tråden: 30 leveranser av samma XML, 29 nekade, den sista godtagen, alla schemavalida', async () => {
        const received = await admin.journal({ side: 'inbound', toParty: 'journal', certificateId, eventCode: 'SKAPAT' }, { bodies: true });
        expect(received.map((e) => e.errorId ?? e.resultCode)).toEqual([...Array(29).fill('TECHNICAL_ERROR'), 'OK']);
        expect(new Set(received.map((e) => e.requestBody)).size).toBe(1);
        expect(await admin.statusUpdates({ certificateId, eventCode: 'SKAPAT' })).toHaveLength(1);
        // Each distinct message of the series (the request, the TECHNICAL_ERROR and the OK answer) is valid against the real XSD.
        const schemaRoot = requireSchemaRoot();
        for (const request of new Set(received.map((e) => e.requestBody!))) expect(validateSoapMessage(request, 'CertificateStatusUpdateForCare', 'request', schemaRoot)).toEqual({ valid: true, errors: [] });
        for (const answer of new Set(received.map((e) => e.responseBody!))) expect(validateSoapMessage(answer, 'CertificateStatusUpdateForCare', 'response', schemaRoot)).toEqual({ valid: true, errors: [] });
      });

      await steg(`Schemakontrollen känner igen ${profile}`, async () => {
        const check = checkSchedule(n.attempts.map((a) => a.at), { ended: 'delivered' });
        expect(check.matches).toEqual([profile]);
        expect(check.conforms).toBe(true);
        await testInfo.attach(`schedule-check ${profile}`, { body: scheduleCheckMarkdown(check, `Omsändning av SKAPAT (${profile})`), contentType: 'text/markdown' });
      });
      testInfo.annotations.push({ type: 'väggtid', description: `${Math.round(performance.now() - wallStart)} ms för ${n.attempts.length} försök över ${Math.round((n.attempts.at(-1)!.at - n.attempts[0]!.at) / 3_600_000)} h virtuell tid` });
    });

    test('mottagaren fallerar 30 gånger: händelsen misslyckas, inget 31:a försök', async ({ admin, journalUser }) => {
      const certificateId = await steg('Journalsystemet svarar alltid TECHNICAL_ERROR; ett LISJP-utkast skapas', async () => {
        await admin.addFault({ ...REFUSE_STATUS_UPDATES, match: { eventCode: 'SKAPAT' }, effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' } });
        return createLisjpDraft(journalUser);
      });
      await steg('60 dygn går (virtuell tid)', () => settle(admin, 60 * DAYS));

      await steg('Webcert ger upp efter 30 försök och planerar inget fler', async () => {
        const n = await skapatNotification(admin, certificateId);
        expect(n.status).toBe('FAILURE');
        expect(n.attempts).toHaveLength(30);
        expect(n.nextAttemptAt).toBeUndefined();
        expect(await admin.journalCount({ side: 'inbound', certificateId, eventCode: 'SKAPAT' })).toBe(30);
        const clock = await admin.clock();
        expect(clock.pending, 'GET /clock lists every pending timer here').toHaveLength(clock.pendingCount);
        expect(clock.pending.filter((t) => t.label?.includes(certificateId))).toEqual([]);
        const check = checkSchedule(n.attempts.map((a) => a.at), { ended: 'failed' });
        expect(check.matches).toEqual([profile]);
      });
    });
  });
}

test.describe('klassificering av svar', { tag: ['@status-resend'] }, () => {
  test('VALIDATION_ERROR: ingen omsändning', async ({ admin, journalUser }) => {
    const certificateId = await steg('Journalsystemet svarar VALIDATION_ERROR; ett LISJP-utkast skapas', async () => {
      await admin.addFault({
        ...REFUSE_STATUS_UPDATES,
        match: { eventCode: 'SKAPAT' },
        effect: { kind: 'result', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Okänd vårdenhet' },
      });
      return createLisjpDraft(journalUser);
    });
    await steg('30 dygn går (virtuell tid)', () => settle(admin, 30 * DAYS));
    await steg('Ett enda försök, misslyckat med VALIDATION_ERROR', async () => {
      const n = await skapatNotification(admin, certificateId);
      expect(n.status).toBe('FAILURE');
      expect(n.attempts).toHaveLength(1);
      expect(n.attempts[0]!.reason).toContain('VALIDATION_ERROR');
    });
  });

  test('INFO räknas som levererad', async ({ admin, journalUser }) => {
    const certificateId = await steg('Journalsystemet svarar INFO; ett LISJP-utkast skapas', async () => {
      await admin.addFault({ ...REFUSE_STATUS_UPDATES, effect: { kind: 'result', resultCode: 'INFO', resultText: 'Redan mottagen' } });
      return createLisjpDraft(journalUser);
    });
    await steg('Ett dygn går (virtuell tid)', () => settle(admin, DAYS));
    await steg('SKAPAT är levererad i första försöket', async () => {
      expect(await skapatNotification(admin, certificateId)).toMatchObject({ status: 'SUCCESS', attempts: [{ verdict: 'SUCCESS' }] });
    });
  });

  test('SOAP-fel med Unmarshalling Error: misslyckas direkt, andra SOAP-fel skickas om', async ({ admin, journalUser }) => {
    await steg('Unmarshalling Error från journalsystemet: SKAPAT misslyckas direkt', async () => {
      await admin.addFault({ ...REFUSE_STATUS_UPDATES, match: { eventCode: 'SKAPAT' }, effect: { kind: 'soapFault', faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: cvc-complex-type.2.4.a' } });
      const first = await createLisjpDraft(journalUser);
      await settle(admin, 10 * MIN);
      expect(await skapatNotification(admin, first)).toMatchObject({ status: 'FAILURE', attempts: [{ verdict: 'FAILURE' }] });
    });

    await steg('Ett annat SOAP-fel en gång: SKAPAT skickas om och levereras', async () => {
      await admin.clearFaults();
      await admin.addFault({ ...REFUSE_STATUS_UPDATES, match: { eventCode: 'SKAPAT' }, effect: { kind: 'soapFault', faultstring: 'Database unavailable' }, times: 1 });
      const second = await createLisjpDraft(journalUser, { personId: '197705232382', fornamn: 'Frida', efternamn: 'Kranstege' });
      await settle(admin, 10 * MIN);
      expect((await skapatNotification(admin, second)).attempts.map((a) => a.verdict)).toEqual(['RESEND', 'SUCCESS']);
    });
  });

  test('HTTP 500 utan SOAP, reset och inget svar: skickas om', async ({ admin, journalUser }) => {
    const certificateId = await steg('Journalsystemet svarar HTTP 500, bryter förbindelsen och svarar inte; ett LISJP-utkast skapas', async () => {
      for (const effect of [{ kind: 'httpStatus', status: 500 }, { kind: 'reset' }, { kind: 'noAnswer' }] as const) {
        await admin.addFault({ ...REFUSE_STATUS_UPDATES, match: { eventCode: 'SKAPAT' }, effect, times: 1 });
      }
      return createLisjpDraft(journalUser);
    });
    await steg('Ett dygn går (virtuell tid)', () => settle(admin, DAYS));
    await steg('Tre omsändningar med skälen, sedan levererad; första omsändningen efter en minut', async () => {
      const n = await skapatNotification(admin, certificateId);
      expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'RESEND', 'RESEND', 'SUCCESS']);
      const reasons = n.attempts.map((a) => a.reason);
      expect(reasons[0]).toContain('TIMEOUT'); // the newest rule first: no answer
      expect(reasons[1]).toContain('ECONNRESET');
      expect(reasons[2]).toContain('HTTP 500');
      expect(n.attempts[1]!.at - n.attempts[0]!.at).toBe(MIN);
    });
  });
});

test.describe('mottagaren nås inte', { tag: ['@status-resend'] }, () => {
  // Port 1 on loopback: nothing listens there, so every connection is refused.
  test.use({ topologyConfig: { parties: { webcert: { mode: 'simulated' }, journal: { mode: 'external', url: 'http://127.0.0.1:1' } } } });

  test('anslutning vägras: skickas om enligt schemat', async ({ admin, journalUser }) => {
    const certificateId = await steg('Ett LISJP-utkast skapas; journalsystemets mottagare lyssnar inte', () => createLisjpDraft(journalUser));
    await steg('90 minuter går (virtuell tid)', () => settle(admin, 90 * MIN));
    await steg('Fyra försök, alla ECONNREFUSED, nästa planerat', async () => {
      const n = await skapatNotification(admin, certificateId);
      expect(n.status).toBe('RESEND');
      expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'RESEND', 'RESEND', 'RESEND']);
      expect(n.attempts[0]!.reason).toContain('ECONNREFUSED');
      expect((await admin.journal({ side: 'outbound', certificateId })).map((e) => e.errorId)).toEqual(Array(4).fill('ECONNREFUSED'));
    });
  });
});
