/**
 * The three messages Webcert sends Intygstjänsten about a signed certificate
 * (webcert-surfaces.md §5.1): RegisterCertificate v3 (the certificate with its signature in
 * `intyg/underskrift`), SendCertificateToRecipient v2 and RevokeCertificate v2, each the payload
 * element of the SOAP Body.
 */
import {
  CORE_NS,
  KV_PART,
  REGISTER_CERTIFICATE_RESPONDER_NS,
  REVOKE_CERTIFICATE_RESPONDER_NS,
  SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS,
  TYPES_NS,
  personIdRoot,
} from '../../kit/contracts/contracts.js';
import { textElement as t, xmlEscape } from '../../kit/xml/xmlText.js';
import type { CareUnit, Certificate, StaffMember } from '../model/certificate.js';
import { buildIntygXml, hosPersonalXml } from './intygXml.js';
import { stockholmTimestamp } from './stockholmTime.js';

const ii = (name: string, root: string, extension: string) => `<${name}>${t('types:root', root)}${t('types:extension', extension)}</${name}>`;

/**
 * RegisterCertificate v3 for `certificate`: what Webcert digests when signing (no signature yet)
 * and what it stores in Intygstjänsten after signing (with `signatureXml` in `intyg/underskrift`).
 */
export function buildRegisterCertificate(certificate: Certificate, signatureXml?: string): string {
  return (
    `<ns2:RegisterCertificate xmlns:ns2="${REGISTER_CERTIFICATE_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    buildIntygXml(certificate, { elementNamespace: REGISTER_CERTIFICATE_RESPONDER_NS, elementPrefix: 'ns2', declareNamespaces: false, signatureXml }) +
    '</ns2:RegisterCertificate>'
  );
}

/** Who sends or revokes: the logged-in user at the unit (Webcert's HoSPersonal of the user). */
export interface ActingUser {
  staff: StaffMember;
  unit: CareUnit;
}

/** SendCertificateToRecipient v2: send `certificate` to `recipient` (KV part code, e.g. SKV). */
export function buildSendCertificateToRecipient(certificate: Certificate, recipient: string, by: ActingUser, sentAt: number): string {
  return (
    `<ns2:SendCertificateToRecipient xmlns:ns2="${SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    t('ns2:skickatTidpunkt', stockholmTimestamp(sentAt)) +
    ii('ns2:intygs-id', certificate.unit.hsaId, certificate.id) +
    ii('ns2:patientPerson-id', personIdRoot(certificate.patient.personId), certificate.patient.personId) +
    `<ns2:mottagare>${t('types:code', recipient)}${t('types:codeSystem', KV_PART)}</ns2:mottagare>` +
    `<ns2:skickatAv>${hosPersonalXml('ns2:hosPersonal', by.staff, by.unit)}</ns2:skickatAv>` +
    '</ns2:SendCertificateToRecipient>'
  );
}

/** RevokeCertificate v2: revoke `certificate`, with the user's reason as `meddelande` when given. */
export function buildRevokeCertificate(certificate: Certificate, by: ActingUser, revokedAt: number, meddelande?: string): string {
  return (
    `<ns2:RevokeCertificate xmlns:ns2="${REVOKE_CERTIFICATE_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    (meddelande ? `<ns2:meddelande>${xmlEscape(meddelande)}</ns2:meddelande>` : '') +
    t('ns2:skickatTidpunkt', stockholmTimestamp(revokedAt)) +
    ii('ns2:intygs-id', certificate.unit.hsaId, certificate.id) +
    ii('ns2:patientPerson-id', personIdRoot(certificate.patient.personId), certificate.patient.personId) +
    hosPersonalXml('ns2:skickatAv', by.staff, by.unit) +
    '</ns2:RevokeCertificate>'
  );
}
