/**
 * Status updates and their resends: Webcert's redelivery of CertificateStatusUpdateForCare, shown
 * in virtual time (25 days in seconds), under both known schedules.
 */
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import { allWaits, REDELIVERY_PROFILES } from '../../simulators/webcert/notification/redeliverySchedule.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, skapatNotification, settle } from './statusFlowSteps.js';

const DAYS = 86_400_000;

for (const profile of ['forum-2022', 'webcert-7'] as const) {
  test.describe(`omsändning enligt ${profile}`, { tag: ['@status-resend', '@LISJP'] }, () => {
    test.use({ topologyConfig: { webcert: { redelivery: profile } } });

    test(`TECHNICAL_ERROR 29 gånger, sedan OK: 30 försök med ${profile}s väntetider`, async ({ topology, journalUser }, testInfo) => {
      const wallStart = performance.now();
      topology.faults.add({
        party: 'journal',
        operation: 'CertificateStatusUpdateForCare',
        match: { eventCode: 'SKAPAT' },
        effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'Journalen är tillfälligt otillgänglig' },
        times: 29,
      });
      const certificateId = await createLisjpDraft(journalUser);
      await settle(topology, 26 * DAYS);

      const n = skapatNotification(topology, certificateId);
      expect(n.status).toBe('SUCCESS');
      expect(n.attempts).toHaveLength(30);
      const observed = n.attempts.slice(1).map((a, i) => a.at - n.attempts[i]!.at);
      expect(observed).toEqual(allWaits(REDELIVERY_PROFILES[profile].schedule));

      // What crossed the wire: 30 deliveries of the same stored XML, 29 refused, the last accepted.
      const received = topology.journal.query({ side: 'inbound', toParty: 'journal', certificateId, eventCode: 'SKAPAT' });
      expect(received.map((e) => e.errorId ?? e.resultCode)).toEqual([...Array(29).fill('TECHNICAL_ERROR'), 'OK']);
      expect(new Set(received.map((e) => e.requestBody)).size).toBe(1);
      expect(topology.journalSystem!.inbox.list({ certificateId, eventCode: 'SKAPAT' })).toHaveLength(1);
      // Each distinct message of the series (the request, the TECHNICAL_ERROR and the OK answer) is valid against the real XSD.
      const schemaRoot = requireSchemaRoot();
      for (const request of new Set(received.map((e) => e.requestBody!))) expect(validateSoapMessage(request, 'CertificateStatusUpdateForCare', 'request', schemaRoot)).toEqual({ valid: true, errors: [] });
      for (const answer of new Set(received.map((e) => e.responseBody!))) expect(validateSoapMessage(answer, 'CertificateStatusUpdateForCare', 'response', schemaRoot)).toEqual({ valid: true, errors: [] });

      const check = checkSchedule(n.attempts.map((a) => a.at), { ended: 'delivered' });
      expect(check.matches).toEqual([profile]);
      expect(check.conforms).toBe(true);
      await testInfo.attach(`schedule-check ${profile}`, { body: scheduleCheckMarkdown(check, `Omsändning av SKAPAT (${profile})`), contentType: 'text/markdown' });
      testInfo.annotations.push({ type: 'väggtid', description: `${Math.round(performance.now() - wallStart)} ms för ${n.attempts.length} försök över ${Math.round((n.attempts.at(-1)!.at - n.attempts[0]!.at) / 3_600_000)} h virtuell tid` });
    });

    test('mottagaren fallerar 30 gånger: händelsen misslyckas, inget 31:a försök', async ({ topology, journalUser }) => {
      topology.faults.add({
        party: 'journal',
        operation: 'CertificateStatusUpdateForCare',
        match: { eventCode: 'SKAPAT' },
        effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' },
      });
      const certificateId = await createLisjpDraft(journalUser);
      await settle(topology, 60 * DAYS);

      const n = skapatNotification(topology, certificateId);
      expect(n.status).toBe('FAILURE');
      expect(n.attempts).toHaveLength(30);
      expect(n.nextAttemptAt).toBeUndefined();
      expect(topology.journal.count({ side: 'inbound', certificateId, eventCode: 'SKAPAT' })).toBe(30);
      expect(topology.clock.pending().filter((t) => t.label?.includes(certificateId))).toEqual([]);
      const check = checkSchedule(n.attempts.map((a) => a.at), { ended: 'failed' });
      expect(check.matches).toEqual([profile]);
    });
  });
}

test.describe('klassificering av svar', { tag: ['@status-resend'] }, () => {
  test('VALIDATION_ERROR: ingen omsändning', async ({ topology, journalUser }) => {
    topology.faults.add({
      party: 'journal',
      operation: 'CertificateStatusUpdateForCare',
      match: { eventCode: 'SKAPAT' },
      effect: { kind: 'result', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Okänd vårdenhet' },
    });
    const certificateId = await createLisjpDraft(journalUser);
    await settle(topology, 30 * DAYS);
    const n = skapatNotification(topology, certificateId);
    expect(n.status).toBe('FAILURE');
    expect(n.attempts).toHaveLength(1);
    expect(n.attempts[0]!.reason).toContain('VALIDATION_ERROR');
  });

  test('INFO räknas som levererad', async ({ topology, journalUser }) => {
    topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'result', resultCode: 'INFO', resultText: 'Redan mottagen' } });
    const certificateId = await createLisjpDraft(journalUser);
    await settle(topology, DAYS);
    expect(skapatNotification(topology, certificateId)).toMatchObject({ status: 'SUCCESS', attempts: [{ verdict: 'SUCCESS' }] });
  });

  test('SOAP-fel med Unmarshalling Error: misslyckas direkt, andra SOAP-fel skickas om', async ({ topology, journalUser }) => {
    topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', match: { eventCode: 'SKAPAT' }, effect: { kind: 'soapFault', faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: cvc-complex-type.2.4.a' } });
    const first = await createLisjpDraft(journalUser);
    await settle(topology, 10 * 60_000);
    expect(skapatNotification(topology, first)).toMatchObject({ status: 'FAILURE', attempts: [{ verdict: 'FAILURE' }] });

    topology.faults.clear();
    topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', match: { eventCode: 'SKAPAT' }, effect: { kind: 'soapFault', faultstring: 'Database unavailable' }, times: 1 });
    const second = await createLisjpDraft(journalUser, { personId: '197705232382', fornamn: 'Frida', efternamn: 'Kranstege' });
    await settle(topology, 10 * 60_000);
    expect(skapatNotification(topology, second).attempts.map((a) => a.verdict)).toEqual(['RESEND', 'SUCCESS']);
  });

  test('HTTP 500 utan SOAP, reset och inget svar: skickas om', async ({ topology, journalUser }) => {
    for (const effect of [{ kind: 'httpStatus', status: 500 }, { kind: 'reset' }, { kind: 'noAnswer' }] as const) {
      topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', match: { eventCode: 'SKAPAT' }, effect, times: 1 });
    }
    const certificateId = await createLisjpDraft(journalUser);
    await settle(topology, DAYS);
    const n = skapatNotification(topology, certificateId);
    expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'RESEND', 'RESEND', 'SUCCESS']);
    const reasons = n.attempts.map((a) => a.reason);
    expect(reasons[0]).toContain('TIMEOUT'); // the newest rule first: no answer
    expect(reasons[1]).toContain('ECONNRESET');
    expect(reasons[2]).toContain('HTTP 500');
    expect(n.attempts[1]!.at - n.attempts[0]!.at).toBe(60_000);
  });
});

test.describe('mottagaren nås inte', { tag: ['@status-resend'] }, () => {
  // Port 1 on loopback: nothing listens there, so every connection is refused.
  test.use({ topologyConfig: { parties: { webcert: { mode: 'simulated' }, journal: { mode: 'external', url: 'http://127.0.0.1:1' } } } });

  test('anslutning vägras: skickas om enligt schemat', async ({ topology, journalUser }) => {
    const certificateId = await createLisjpDraft(journalUser);
    await settle(topology, 90 * 60_000);
    const n = skapatNotification(topology, certificateId);
    expect(n.status).toBe('RESEND');
    expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'RESEND', 'RESEND', 'RESEND']);
    expect(n.attempts[0]!.reason).toContain('ECONNREFUSED');
    expect(topology.journal.query({ side: 'outbound', certificateId }).map((e) => e.errorId)).toEqual(Array(4).fill('ECONNREFUSED'));
  });
});
