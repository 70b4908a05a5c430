/**
 * The journal receiver's handlers are plain msw handlers: the same ones the party server serves
 * on a socket also run in-process under msw's setupServer, for code that wants no network.
 */
import { test, expect } from '@playwright/test';
import { setupServer } from 'msw/node';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { FaultRules } from '../../kit/faults/faultRules.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { buildCertificateStatusUpdate } from '../../webcert/message/statusUpdateMessage.js';
import { lisjpDraft } from '../../webcert/message/certificateFixtures.js';
import { StatusUpdateInbox } from './statusUpdateInbox.js';
import { statusUpdateReceiverHandler, STATUS_UPDATE_PATH } from './statusUpdateReceiver.js';

test('under setupServer: an update is filed and answered OK; a fault rule answers TECHNICAL_ERROR and files nothing', async () => {
  const clock = new VirtualClock({ start: Date.parse('2026-03-02T08:00:00Z') });
  const inbox = new StatusUpdateInbox();
  const faults = new FaultRules();
  const server = setupServer(statusUpdateReceiverHandler({ inbox, clock, faults }));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const certificate = lisjpDraft();
    const envelope = buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: clock.now(), ref: 'r-1' }), certificate.unit.hsaId);
    const url = `http://journal.invalid${STATUS_UPDATE_PATH}`; // never resolved: msw answers in-process
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<core:resultCode>OK</core:resultCode>');
    expect(inbox.list()).toMatchObject([{ certificateId: certificate.id, eventCode: 'SKAPAT', ref: 'r-1', logicalAddress: certificate.unit.hsaId }]);

    faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, times: 1 });
    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope });
    expect(await refused.text()).toContain('<core:errorId>TECHNICAL_ERROR</core:errorId>');
    expect(inbox.list()).toHaveLength(1);
  } finally {
    server.close();
  }
});
