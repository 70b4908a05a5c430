/**
 * Reading a CreateDraftCertificate v3 request (CreateDraftCertificateResponder_3.3.xsd): the
 * responder's own elements are in its namespace, Patient's children in the core namespace, and
 * ids and codes (root, extension, code, codeSystem) in the types namespace.
 */
import type { Element } from '@xmldom/xmldom';
import { CORE_EXT_3_3_NS } from '../../kit/contracts/namespaces.js';
import { childElement, childText, pathElement } from '../../kit/xml/dom.js';
import { readSvarList } from '../message/svarReader.js';
import type { Svar } from '../model/certificate.js';

export const CREATE_DRAFT_NS = 'urn:riv:clinicalprocess:healthcond:certificate:CreateDraftCertificateResponder:3';
const CORE = 'urn:riv:clinicalprocess:healthcond:certificate:3';
const TYPES = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';

/** The request's content as plain data; absent elements are undefined, not errors (yet). */
export interface CreateDraftRequest {
  typeCode?: string;
  typeCodeSystem?: string;
  personId?: string;
  fornamn?: string;
  mellannamn?: string;
  efternamn?: string;
  postadress?: string;
  postnummer?: string;
  postort?: string;
  staffHsaId?: string;
  staffFullName?: string;
  unitHsaId?: string;
  unitName?: string;
  ref?: string;
  /** CreateDraftCertificate 3.3 `forifyllnad`: answers the journal system prefills. */
  forifyllnad?: Svar[];
}

/** Extracts the fields Webcert validates; never throws for missing parts. */
export function readCreateDraftRequest(payload: Element): CreateDraftRequest {
  const intyg = childElement(payload, CREATE_DRAFT_NS, 'intyg');
  if (!intyg) return {};
  const typ = childElement(intyg, CREATE_DRAFT_NS, 'typAvIntyg');
  const patient = childElement(intyg, CREATE_DRAFT_NS, 'patient');
  const skapadAv = childElement(intyg, CREATE_DRAFT_NS, 'skapadAv');
  const enhet = skapadAv ? childElement(skapadAv, CREATE_DRAFT_NS, 'enhet') : undefined;
  const personIdEl = patient ? childElement(patient, CORE, 'person-id') : undefined;
  const staffIdEl = skapadAv ? childElement(skapadAv, CREATE_DRAFT_NS, 'personal-id') : undefined;
  const unitIdEl = enhet ? childElement(enhet, CREATE_DRAFT_NS, 'enhets-id') : undefined;
  const forifyllnad = childElement(intyg, CORE_EXT_3_3_NS, 'forifyllnad');
  // Every part may be missing: validation, not reading, says which.
  const text = (el: Element | undefined, ns: string, name: string) => (el ? childText(el, ns, name) : undefined);
  return {
    typeCode: text(typ, TYPES, 'code'),
    typeCodeSystem: text(typ, TYPES, 'codeSystem'),
    personId: text(personIdEl, TYPES, 'extension'),
    fornamn: text(patient, CORE, 'fornamn'),
    mellannamn: text(patient, CORE, 'mellannamn'),
    efternamn: text(patient, CORE, 'efternamn'),
    postadress: text(patient, CORE, 'postadress'),
    postnummer: text(patient, CORE, 'postnummer'),
    postort: text(patient, CORE, 'postort'),
    staffHsaId: text(staffIdEl, TYPES, 'extension'),
    staffFullName: text(skapadAv, CREATE_DRAFT_NS, 'fullstandigtNamn'),
    unitHsaId: text(unitIdEl, TYPES, 'extension'),
    unitName: text(enhet, CREATE_DRAFT_NS, 'enhetsnamn'),
    ref: childText(intyg, CREATE_DRAFT_NS, 'ref'),
    forifyllnad: forifyllnad ? readSvarList(forifyllnad, CORE_EXT_3_3_NS) : undefined,
  };
}

/** Correlation facts for the journal and fault rules. */
export function createDraftFacts(payload: Element, logicalAddress: string | undefined) {
  const personId = pathElement(payload, CREATE_DRAFT_NS, 'intyg', 'patient');
  const pid = personId ? childElement(personId, CORE, 'person-id') : undefined;
  return {
    logicalAddress,
    personId: pid ? childText(pid, TYPES, 'extension')?.replace(/\D/g, '') : undefined,
  };
}
