/**
 * The stand-in journal system seen from outside, as Webcert sees it: what it answers to a valid,
 * a repeated, an early and an invalid status update, and what its broken variant does instead.
 * It runs as its own process; these tests only talk HTTP to it.
 */
import { test, expect } from '@playwright/test';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { buildEnvelope } from '../../simulators/kit/soap/envelope.js';
import { buildCertificateStatusUpdate, type HandelseKod } from '../../simulators/webcert/message/statusUpdateMessage.js';
import { lisjpDraft, SUMMER_MS } from '../../simulators/webcert/message/certificateFixtures.js';
import { STATUS_UPDATE_ENDPOINT_PATH } from '../topology/topologyConfig.js';
import { startStandinJournalSystem, type StandinJournalSystem } from './standinProcess.js';

const SOAP_ACTION = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3:CertificateStatusUpdateForCare';

function statusUpdate(certificateId: string, eventCode: HandelseKod, eventTime: number): string {
  const certificate = { ...lisjpDraft(), id: certificateId };
  return buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode, eventTime }), certificate.unit.hsaId);
}

async function post(standin: StandinJournalSystem, body: string, path = STATUS_UPDATE_ENDPOINT_PATH, signal?: AbortSignal): Promise<{ status: number; text: string }> {
  const res = await fetch(`${standin.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${SOAP_ACTION}"` }, signal });
  return { status: res.status, text: await res.text() };
}

const resultCode = (xml: string) => /<core:resultCode>(\w+)<\/core:resultCode>/.exec(xml)?.[1];
const errorId = (xml: string) => /<core:errorId>(\w+)<\/core:errorId>/.exec(xml)?.[1];

interface Filed {
  certificates: { certificate: string; state: string; events: { eventCode: string; eventTime: string; arrivals: number }[] }[];
}

async function filed(standin: StandinJournalSystem, certificateId: string) {
  const all = (await (await fetch(`${standin.url}/status-updates`)).json()) as Filed;
  return all.certificates.find((c) => c.certificate.endsWith(`/${certificateId}`));
}

test.describe('stand-in journal system', () => {
  let standin: StandinJournalSystem;
  test.beforeAll(async () => {
    standin = await startStandinJournalSystem({ schemaRoot: requireSchemaRoot() });
  });
  test.afterAll(async () => standin?.stop());

  test('files a valid update once per (intygs-id, handelsekod, tidpunkt), answers OK again to a repeat, and takes its state from tidpunkt', async () => {
    const id = 'aaaa0000-1111-4222-8333-444455556666';
    const signat = statusUpdate(id, 'SIGNAT', SUMMER_MS + 60_000);
    for (const body of [signat, signat, statusUpdate(id, 'SKAPAT', SUMMER_MS)]) {
      const answer = await post(standin, body);
      expect(answer.status).toBe(200);
      expect(resultCode(answer.text)).toBe('OK');
    }
    const record = await filed(standin, id);
    expect(record?.state).toBe('SIGNAT');
    expect(record?.events.map((e) => [e.eventCode, e.arrivals])).toEqual([['SKAPAT', 1], ['SIGNAT', 2]]);
  });

  test('refuses a request that is not valid against the XSD with a SOAP Fault, and says where to send', async () => {
    const invalid = statusUpdate('bbbb0000-1111-4222-8333-444455556666', 'SKAPAT', SUMMER_MS).replace(/<core:tidpunkt>[^<]+<\/core:tidpunkt>/, '<core:tidpunkt>igår</core:tidpunkt>');
    const answer = await post(standin, invalid);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('<faultcode>soap:Client</faultcode>');
    expect(answer.text).toMatch(/<faultstring>Unmarshalling Error: .*tidpunkt/);
    const noHeader = await post(standin, statusUpdate('bbbb0000-1111-4222-8333-444455556666', 'SKAPAT', SUMMER_MS).replace(/<soap:Header>.*<\/soap:Header>/, '<soap:Header/>'));
    expect(noHeader.text).toContain('expected one LogicalAddress header');
    const elsewhere = await post(standin, '<x/>', '/services/other');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.text).toContain(STATUS_UPDATE_ENDPOINT_PATH);
    const wsdl = await fetch(`${standin.url}${STATUS_UPDATE_ENDPOINT_PATH}?wsdl`);
    expect(await wsdl.text()).toContain("wsdl:definitions name='CertificateStatusUpdateForCareInteraction'");
  });

  test('POST /catch-up says what it needs, and what failed when Webcert cannot be reached', async () => {
    const ask = (body: unknown) => fetch(`${standin.url}/catch-up`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const noUrl = await ask({ personId: '19121212-1212', unit: 'SE-UNIT' });
    expect(noUrl.status).toBe(400);
    expect(await noUrl.json()).toEqual({ error: 'webcertUrl is missing: send it, or start the stand-in with --webcert-catch-up <url>' });
    const noPerson = await ask({ unit: 'SE-UNIT', webcertUrl: 'http://127.0.0.1:9/x' });
    expect((await noPerson.json()).error).toContain('personId must be a personnummer or samordningsnummer');
    const unreachable = await ask({ personId: '191212121212', unit: 'SE-UNIT', webcertUrl: 'http://127.0.0.1:9/services/list-certificates-for-care-with-qa/v3.0' });
    expect(unreachable.status).toBe(502);
    expect((await unreachable.json()).error).toMatch(/^the catch-up call failed: /);
  });
});

test.describe('broken stand-in journal system', () => {
  let standin: StandinJournalSystem;
  test.beforeAll(async () => {
    standin = await startStandinJournalSystem({ schemaRoot: requireSchemaRoot(), broken: true });
  });
  test.afterAll(async () => standin?.stop());

  test('answers ERROR APPLICATION_ERROR to ANDRAT, VALIDATION_ERROR to a repeat, and nothing to MAKULE', async () => {
    const id = 'cccc0000-1111-4222-8333-444455556666';
    expect(resultCode((await post(standin, statusUpdate(id, 'SKAPAT', SUMMER_MS))).text)).toBe('OK');
    const andrat = await post(standin, statusUpdate(id, 'ANDRAT', SUMMER_MS + 1_000));
    expect([resultCode(andrat.text), errorId(andrat.text)]).toEqual(['ERROR', 'APPLICATION_ERROR']);
    const repeat = await post(standin, statusUpdate(id, 'SKAPAT', SUMMER_MS));
    expect([resultCode(repeat.text), errorId(repeat.text)]).toEqual(['ERROR', 'VALIDATION_ERROR']);
    // MAKULE: the request is read and validated, then never answered; the caller gives up.
    let answered = false;
    const caller = new AbortController();
    const makule = post(standin, statusUpdate(id, 'MAKULE', SUMMER_MS + 2_000), STATUS_UPDATE_ENDPOINT_PATH, caller.signal).then(
      () => (answered = true),
      (e: Error) => e.name,
    );
    await expect.poll(() => standin.output(), { timeout: 20_000 }).toContain(`broken: no answer to MAKULE ${id}`);
    expect(answered).toBe(false);
    caller.abort();
    expect(await makule).toBe('AbortError');
    expect((await filed(standin, id))?.events.map((e) => e.eventCode)).toEqual(['SKAPAT']);
  });
});
