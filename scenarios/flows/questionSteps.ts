/**
 * Steps for questions and answers, through the wire: the recipient's desk (admin API), the doctor
 * on the certificate page, the journal system's inbox, and the journal system's catch-up call.
 */
import { adminOf } from '../fixtures/adminClient.js';
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { CONTRACTS, KV_AMNE, KV_PART, SEND_MESSAGE_TO_CARE_RESPONDER_NS, TYPES_NS, CORE_NS } from '../../simulators/kit/contracts/contracts.js';
import { buildEnvelope } from '../../simulators/kit/soap/envelope.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { signedLisjpFromJournal } from './lifecycleSteps.js';
import { admin } from './sendSteps.js';
import { settle } from './statusFlowSteps.js';

/**
 * A LISJP from the journal signed by the doctor in the UI ({@link signedLisjpFromJournal}), sent to
 * Försäkringskassan, and the queue settled: where every question flow starts. Returns its id.
 */
export async function signedLisjpSentToFk(page: Page, topology: Topology, journalUser: JournalUser, ref: string, doctorHsaId?: string): Promise<string> {
  const id = await signedLisjpFromJournal(page, topology, journalUser, {}, ref, doctorHsaId);
  await admin(topology, `/webcert/certificates/${id}/send`, { body: { recipient: 'FKASSA' } });
  await settle(topology, 60_000);
  return id;
}

export type Counts = [totalt: number, ejBesvarade: number, besvarade: number, hanterade: number];

/** The recipient (FKASSA) sends a question, reminder or answer to care; returns its meddelande-id. */
export async function fkSends(topology: Topology, body: Record<string, unknown>): Promise<string> {
  const sent = await admin<{ meddelandeId: string; result?: { resultCode: string } }>(topology, '/recipients/FKASSA/messages', { body });
  expect(sent.result?.resultCode, JSON.stringify(sent)).toBe('OK');
  return sent.meddelandeId;
}

/** The question block of a subject on the certificate page. */
export function questionOnPage(page: Page, amne: string) {
  return page.locator(`article.arende[data-amne="${amne}"]`);
}

/** Answers the open question of `amne` on the certificate page. */
export async function answerInUi(page: Page, amne: string, text: string): Promise<void> {
  const q = questionOnPage(page, amne).filter({ hasText: 'Ej besvarad' });
  await q.getByLabel('Svar').fill(text);
  await q.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(questionOnPage(page, amne).filter({ hasText: text })).toContainText('Hanterad');
}

/** `[code, skickadeFragor, mottagnaFragor, amne?, sistaDatumForSvar?]` of a status update's XML. */
export function statusUpdateFacts(xml: string): { code: string; skickade: Counts; mottagna: Counts; amne?: string; sista?: string } {
  const counts = (name: string): Counts => {
    const block = new RegExp(`<[^>]*${name}>([\\s\\S]*?)</[^>]*${name}>`).exec(xml)?.[1] ?? '';
    return ['totalt', 'ejBesvarade', 'besvarade', 'hanterade'].map((f) => Number(new RegExp(`${f}>(\\d+)<`).exec(block)?.[1])) as Counts;
  };
  const handelse = /<[^>]*handelse>([\s\S]*?)<\/[^>]*handelse>/.exec(xml)?.[1] ?? '';
  return {
    code: /handelsekod>[\s\S]*?code>([^<]+)</.exec(handelse)?.[1] ?? '',
    skickade: counts('skickadeFragor'),
    mottagna: counts('mottagnaFragor'),
    amne: /amne>[\s\S]*?code>([^<]+)</.exec(handelse)?.[1],
    sista: /sistaDatumForSvar>([^<]+)</.exec(handelse)?.[1],
  };
}

/** The journal system's catch-up call (ListCertificatesForCareWithQA v3) to Webcert; the whole SOAP answer. */
export async function catchUp(topology: Topology, personId: string, unit: string): Promise<string> {
  const ns = 'urn:riv:clinicalprocess:healthcond:certificate:ListCertificatesForCareWithQAResponder:3';
  const types = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';
  const payload = `<ns:ListCertificatesForCareWithQA xmlns:ns="${ns}" xmlns:types="${types}">` +
    `<ns:person-id><types:root>1.2.752.129.2.1.3.1</types:root><types:extension>${personId}</types:extension></ns:person-id>` +
    `<ns:enhets-id><types:root>1.2.752.129.2.1.4.1</types:root><types:extension>${unit}</types:extension></ns:enhets-id>` +
    '</ns:ListCertificatesForCareWithQA>';
  const res = await fetch(await adminOf(topology).endpoint('webcert', 'listCertificatesForCareWithQA'), {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `urn:riv:clinicalprocess:healthcond:certificate:ListCertificatesForCareWithQAResponder:3:ListCertificatesForCareWithQA` },
    body: buildEnvelope(payload, unit),
  });
  expect(res.status).toBe(200);
  return res.text();
}

/**
 * A recipient's SendMessageToCare v2 posted straight to Intygstjänsten (as a recipient system
 * outside the simulation would), for a certificate the recipient's desk would not send about;
 * the whole SOAP request and answer, and the answer's result.
 */
export async function sendMessageToCareAtIntygstjanst(
  topology: Topology,
  m: { meddelandeId: string; certificateId: string; personId: string; unit: string },
): Promise<{ request: string; answer: string; result: { resultCode?: string; errorId?: string; resultText?: string } }> {
  const ii = (name: string, root: string, ext: string) => `<ns:${name}><types:root>${root}</types:root><types:extension>${ext}</types:extension></ns:${name}>`;
  const payload = `<ns:SendMessageToCare xmlns:ns="${SEND_MESSAGE_TO_CARE_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    `<ns:meddelande-id>${m.meddelandeId}</ns:meddelande-id><ns:skickatTidpunkt>2026-12-01T10:00:00</ns:skickatTidpunkt>` +
    ii('intygs-id', m.unit, m.certificateId) + ii('patientPerson-id', '1.2.752.129.2.1.3.1', m.personId) +
    `<ns:logiskAdressMottagare>${m.unit}</ns:logiskAdressMottagare>` +
    `<ns:amne><types:code>OVRIGT</types:code><types:codeSystem>${KV_AMNE}</types:codeSystem><types:displayName>Övrigt</types:displayName></ns:amne>` +
    '<ns:meddelande>Fråga om ett intyg vi inte har fått</ns:meddelande>' +
    `<ns:skickatAv><ns:part><types:code>FKASSA</types:code><types:codeSystem>${KV_PART}</types:codeSystem><types:displayName>Försäkringskassan</types:displayName></ns:part></ns:skickatAv>` +
    '</ns:SendMessageToCare>';
  const api = adminOf(topology);
  const [url, logicalAddress] = await Promise.all([api.endpoint('intygstjanst', 'sendMessageToCare'), api.endpoint('intygstjanst', 'logicalAddress')]);
  const request = buildEnvelope(payload, logicalAddress);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: CONTRACTS.SendMessageToCare.soapAction }, body: request });
  const answer = await res.text();
  const field = (name: string) => new RegExp(`${name}>([^<]*)<`).exec(answer)?.[1];
  return { request, answer, result: { resultCode: field('resultCode'), errorId: field('errorId'), resultText: field('resultText') } };
}
