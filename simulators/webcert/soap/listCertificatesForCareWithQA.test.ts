/**
 * ListCertificatesForCareWithQA v3: the catch-up window `fromTidpunkt`/`tomTidpunkt` is Swedish
 * local time, as is the `tidpunkt` Webcert writes in its status updates (it runs in Europe/Stockholm).
 */
import { test, expect } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { LIST_CERTIFICATES_FOR_CARE_WITH_QA_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import { CertificateStore } from '../drafts/certificateStore.js';
import { lisjpDraft, testDoctor, testUnit } from '../message/certificateFixtures.js';
import { buildCertificateStatusUpdate } from '../message/statusUpdateMessage.js';
import type { Notification } from '../notification/notification.js';
import { buildCatchUpList, readCatchUpRequest } from './listCertificatesForCareWithQA.js';

/** 10:30 UTC on a summer day: 12:30 in Stockholm. */
const EVENT_AT = Date.UTC(2026, 6, 1, 10, 30);

function payload(from: string, to: string): Element {
  const xml =
    `<ListCertificatesForCareWithQA xmlns="${NS}" xmlns:t="${TYPES_NS}">` +
    `<person-id><t:root>1.2.752.129.2.1.3.1</t:root><t:extension>191212121212</t:extension></person-id>` +
    `<enhets-id><t:root>1.2.752.129.2.1.4.1</t:root><t:extension>${testUnit().hsaId}</t:extension></enhets-id>` +
    `<fromTidpunkt>${from}</fromTidpunkt><tomTidpunkt>${to}</tomTidpunkt></ListCertificatesForCareWithQA>`;
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
}

/** A store with one draft for 19121212-1212 and its CREATED status update, sent at {@link EVENT_AT}. */
function oneEvent() {
  const store = new CertificateStore(new VirtualClock({ start: EVENT_AT }), () => undefined);
  const draft = lisjpDraft();
  const certificate = store.create({ id: 'cert-1', typeCode: draft.typeCode, typeVersion: draft.typeVersion, unit: testUnit(), issuedBy: testDoctor(), patient: { ...draft.patient, personId: '191212121212' } });
  const envelope = buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: EVENT_AT });
  const notification: Notification = { id: 'n-1', certificateId: certificate.id, eventCode: 'SKAPAT', logicalAddress: testUnit().hsaId, personId: '191212121212', envelope, status: 'SUCCESS', attempts: [], deliveriesStarted: 0 };
  return { store, envelope, notifications: (id: string) => (id === certificate.id ? [notification] : []) };
}

const listed = (from: string, to: string) => {
  const { store, notifications } = oneEvent();
  return buildCatchUpList(readCatchUpRequest(payload(from, to)), store, notifications).includes('<tns:item>');
};

test.describe('ListCertificatesForCareWithQA: the catch-up window', () => {
  test('the status update carries Stockholm local time without zone', () => {
    expect(oneEvent().envelope).toContain('<core:tidpunkt>2026-07-01T12:30:00.000</core:tidpunkt>');
  });

  test('a window without zone is Stockholm time: 12:30 local is inside 12:00–13:00, outside 10:00–11:00', () => {
    expect(readCatchUpRequest(payload('2026-07-01T12:00:00', '2026-07-01T13:00:00'))).toMatchObject({ from: Date.UTC(2026, 6, 1, 10), to: Date.UTC(2026, 6, 1, 11) });
    expect(listed('2026-07-01T12:00:00', '2026-07-01T13:00:00')).toBe(true);
    expect(listed('2026-07-01T10:00:00', '2026-07-01T11:00:00')).toBe(false);
  });

  test('a window with a zone is that instant: 10:00Z–11:00Z holds the event at 10:30Z', () => {
    expect(listed('2026-07-01T10:00:00Z', '2026-07-01T11:00:00Z')).toBe(true);
    expect(listed('2026-07-01T12:00:00+00:00', '2026-07-01T13:00:00+00:00')).toBe(false);
  });

  test('a bound that is not a time is a SOAP fault naming it', () => {
    expect(() => readCatchUpRequest(payload('igår', '2026-07-01T13:00:00'))).toThrow(/fromTidpunkt "igår" is not an xs:dateTime/);
  });
});
