/**
 * Checks of the messages that crossed the wire in a scenario against the real RIV-TA schemas, and
 * of the `intyg` a signed certificate carries as RegisterCertificate v3 would carry it.
 */
import type { Topology } from '../../harness/topology/startTopology.js';
import { CONTRACTS, REGISTER_CERTIFICATE_RESPONDER_NS, type ContractName } from '../../simulators/kit/contracts/contracts.js';
import { validateSoapMessage, validateXml } from '../../simulators/kit/contracts/xsdValidator.js';
import { embedIntygSignature, verifyIntygSignature } from '../../simulators/kit/dsig/intygSignature.js';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { adminOf, type AdminClient } from '../fixtures/adminClient.js';

/** The problems of each request and (non-fault) answer of the entries' RIV-TA contracts; none when all are valid. */
export function invalidMessages(entries: readonly JournalEntry[], schemaRoot: string): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    const contract = e.operation as ContractName;
    if (!(contract in CONTRACTS)) continue;
    for (const [which, body] of [['request', e.requestBody], ['response', e.responseBody]] as const) {
      if (!body || body.includes(':Fault>')) continue;
      const result = validateSoapMessage(body, contract, which, schemaRoot);
      if (!result.valid) problems.push(`${e.side} ${contract} ${which} (#${e.id}): ${result.errors.join(' | ')}`);
    }
  }
  return problems;
}

/**
 * The RegisterCertificate v3 request carrying a signed `intyg` document (as signed, in the
 * RegisterCertificate responder namespace), validated against the real XSD.
 */
export function validateAsRegisterCertificate(signedDocument: string, schemaRoot: string) {
  // Webcert keeps the signed RegisterCertificate request itself; a bare intyg is wrapped in one.
  const body = signedDocument.replace(/^<\?xml[^>]*\?>\s*/, '');
  const xml = /^<([\w-]+:)?RegisterCertificate[\s>]/.test(body) ? body : `<ns3:RegisterCertificate xmlns:ns3="${REGISTER_CERTIFICATE_RESPONDER_NS}">${body}</ns3:RegisterCertificate>`;
  return validateXml(xml, `${schemaRoot}/${CONTRACTS.RegisterCertificate.xsdPath}`);
}

/**
 * Checks a signed certificate's XML signature as a recipient would: `document` is the signed
 * RegisterCertificate as Webcert's admin API gives it, with the signature in `intyg/underskrift`
 * already or without it (then `signatureXml` is put there first).
 */
export function verifySignedCertificate(document: string, signatureXml?: string): { valid: boolean; problem?: string; signerSubject?: string } {
  const signed = /<(\w+:)?Signature[\s>]/.test(document) || !signatureXml ? document : embedIntygSignature(document, signatureXml);
  const verdict = verifyIntygSignature(signed);
  return { valid: verdict.valid, problem: verdict.problem, signerSubject: verdict.signerSubject };
}

/** The svar ids (with `#instans`) of an `intyg` in a message, in order. */
export function svarIds(xml: string): string[] {
  return [...xml.matchAll(/<core:svar id="(\d+)">(?:<core:instans>(\d+)<\/core:instans>)?/g)].map((m) => (m[2] ? `${m[1]}#${m[2]}` : m[1]!));
}

/**
 * The RegisterCertificate v3 request Webcert sent to Intygstjänsten for a certificate after signing:
 * the signed `intyg` (with its signature in `intyg/underskrift`) as it crossed the wire. Lets
 * Webcert's certificate queue finish first.
 */
export async function registerCertificateSent(topology: Topology | AdminClient, certificateId: string): Promise<string> {
  const admin = adminOf(topology);
  await admin.settle();
  const sent = await admin.journal({ side: 'outbound', fromParty: 'webcert', toParty: 'intygstjanst', operation: 'RegisterCertificate', certificateId }, { bodies: true });
  const body = sent.at(-1)?.requestBody;
  if (!body) throw new Error(`Webcert sent no RegisterCertificate for ${certificateId} to Intygstjänsten (the traffic journal has none)`);
  return body;
}
