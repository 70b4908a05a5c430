/**
 * Reading a RegisterCertificate v3 on the lean path (docs/decisions/0016-lean-soap-path.md, 0047):
 * the elements of `intyg` a receiver that neither verifies the signature nor reads the answers
 * needs, as paths for the bounded envelope scan, and the same correlation facts and the same
 * essentials as the DOM readings (`readIntyg`, the receivers' lenient facts) give.
 */
import type { Element } from '@xmldom/xmldom';
import { ANY_NAMESPACE, type FieldPaths, type ScannedFields } from '../soap/envelopeScan.js';
import { childElement, childElements } from '../xml/dom.js';
import { CORE_NS, REGISTER_CERTIFICATE_RESPONDER_NS, TYPES_NS } from './namespaces.js';

const I = [REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg'] as const;
const C = (name: string) => [CORE_NS, name] as const;
const T = (name: string) => [TYPES_NS, name] as const;
const ANY = (name: string) => [ANY_NAMESPACE, name] as const;

/**
 * The scan's paths: the leniently read correlation facts (`fact…`, local names in any namespace,
 * as {@link registerCertificateFacts}), and every element `readIntyg` requires (first child of each
 * name, as it reads them), plus the first `relation`, whose presence sends the request to the DOM.
 */
export const REGISTER_CERTIFICATE_FIELDS: FieldPaths = {
  factCertificateId: [I, ANY('intygs-id'), ANY('extension')],
  factPersonId: [I, ANY('patient'), ANY('person-id'), ANY('extension')],
  certificateId: [I, C('intygs-id'), T('extension')],
  certificateRoot: [I, C('intygs-id'), T('root')],
  typeCode: [I, C('typ'), T('code')],
  typeVersion: [I, C('version')],
  personId: [I, C('patient'), C('person-id'), T('extension')],
  personIdRoot: [I, C('patient'), C('person-id'), T('root')],
  staffHsaId: [I, C('skapadAv'), C('personal-id'), T('extension')],
  unitHsaId: [I, C('skapadAv'), C('enhet'), C('enhets-id'), T('extension')],
  relation: [I, C('relation')],
};

/** Correlation facts of a RegisterCertificate from its DOM, read leniently (local names only); never throws. */
export function registerCertificateFacts(payload: Element, logicalAddress: string | undefined) {
  const intyg = childElement(payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
  const byName = (parent: Element | undefined, name: string) => (parent ? childElements(parent).find((e) => e.localName === name) : undefined);
  const id = byName(byName(intyg, 'intygs-id'), 'extension');
  const ext = byName(byName(byName(intyg, 'patient'), 'person-id'), 'extension');
  return { logicalAddress, certificateId: id ? (id.textContent ?? '').trim() : undefined, personId: ext?.textContent?.replace(/\D/g, '') || undefined };
}

/** {@link registerCertificateFacts} from the scanned fields: the same facts. */
export function registerCertificateFactsFromFields(fields: ScannedFields, logicalAddress: string | undefined) {
  return { logicalAddress, certificateId: fields.factCertificateId?.trim(), personId: fields.factPersonId?.replace(/\D/g, '') || undefined };
}

/** What a receiver that only files a certificate reads of it: `readIntyg`'s values of these. */
export interface IntygEssentials {
  certificateId: string;
  typeCode: string;
  typeVersion: string;
  /** `patient/person-id/extension`, trimmed, as written. */
  personId: string;
}

const REQUIRED = ['certificateId', 'certificateRoot', 'typeCode', 'typeVersion', 'personId', 'personIdRoot', 'staffHsaId', 'unitHsaId'] as const;

/**
 * The essentials from the scanned fields, when `readIntyg` would read the same `intyg` without an
 * error (every element it requires there and not empty, no `relation`, whose own elements it also
 * requires); otherwise undefined, and the DOM reading gives its reading or its error.
 */
export function intygEssentialsFromFields(fields: ScannedFields): IntygEssentials | undefined {
  if (fields.relation !== undefined) return undefined;
  for (const name of REQUIRED) if (!fields[name]?.trim()) return undefined;
  return { certificateId: fields.certificateId!.trim(), typeCode: fields.typeCode!.trim(), typeVersion: fields.typeVersion!.trim(), personId: fields.personId!.trim() };
}
