/**
 * Reading a CreateDraftCertificate v3 request (CreateDraftCertificateResponder_3.3.xsd): the
 * responder's own elements are in its namespace, Patient's children in the core namespace, and
 * ids and codes (root, extension, code, codeSystem) in the types namespace.
 */
import type { Element } from '@xmldom/xmldom';
import { childElement, childText, pathElement } from '../../kit/xml/dom.js';

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
  return {
    typeCode: typ ? childText(typ, TYPES, 'code') : undefined,
    typeCodeSystem: typ ? childText(typ, TYPES, 'codeSystem') : undefined,
    personId: personIdEl ? childText(personIdEl, TYPES, 'extension') : undefined,
    fornamn: patient ? childText(patient, CORE, 'fornamn') : undefined,
    mellannamn: patient ? childText(patient, CORE, 'mellannamn') : undefined,
    efternamn: patient ? childText(patient, CORE, 'efternamn') : undefined,
    postadress: patient ? childText(patient, CORE, 'postadress') : undefined,
    postnummer: patient ? childText(patient, CORE, 'postnummer') : undefined,
    postort: patient ? childText(patient, CORE, 'postort') : undefined,
    staffHsaId: staffIdEl ? childText(staffIdEl, TYPES, 'extension') : undefined,
    staffFullName: skapadAv ? childText(skapadAv, CREATE_DRAFT_NS, 'fullstandigtNamn') : undefined,
    unitHsaId: unitIdEl ? childText(unitIdEl, TYPES, 'extension') : undefined,
    unitName: enhet ? childText(enhet, CREATE_DRAFT_NS, 'enhetsnamn') : undefined,
    ref: childText(intyg, CREATE_DRAFT_NS, 'ref'),
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
