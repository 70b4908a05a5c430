/**
 * Reading a CreateDraftCertificate v3 request (CreateDraftCertificateResponder_3.3.xsd): the
 * responder's own elements are in its namespace, Patient's children in the core namespace, and
 * ids and codes (root, extension, code, codeSystem) in the types namespace.
 */
import type { Element } from '@xmldom/xmldom';
import { CORE_EXT_3_3_NS } from '../../kit/contracts/namespaces.js';
import type { FieldPaths, ScannedFields } from '../../kit/soap/envelopeScan.js';
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

const I = [CREATE_DRAFT_NS, 'intyg'] as const;
const D = (name: string) => [CREATE_DRAFT_NS, name] as const;
const P = (name: string) => [CORE, name] as const;
const T = (name: string) => [TYPES, name] as const;

/**
 * The elements {@link readCreateDraftRequest} reads, as paths for the lean envelope scan
 * (docs/decisions/0016-lean-soap-path.md, 0033): first child of each name at each step, as the DOM
 * reading takes them. `forifyllnad` is only noted: when it is there, its answers are read from the DOM.
 */
export const CREATE_DRAFT_FIELDS: FieldPaths = {
  typeCode: [I, D('typAvIntyg'), T('code')],
  typeCodeSystem: [I, D('typAvIntyg'), T('codeSystem')],
  personId: [I, D('patient'), P('person-id'), T('extension')],
  fornamn: [I, D('patient'), P('fornamn')],
  mellannamn: [I, D('patient'), P('mellannamn')],
  efternamn: [I, D('patient'), P('efternamn')],
  postadress: [I, D('patient'), P('postadress')],
  postnummer: [I, D('patient'), P('postnummer')],
  postort: [I, D('patient'), P('postort')],
  staffHsaId: [I, D('skapadAv'), D('personal-id'), T('extension')],
  staffFullName: [I, D('skapadAv'), D('fullstandigtNamn')],
  unitHsaId: [I, D('skapadAv'), D('enhet'), D('enhets-id'), T('extension')],
  unitName: [I, D('skapadAv'), D('enhet'), D('enhetsnamn')],
  ref: [I, D('ref')],
  forifyllnad: [I, [CORE_EXT_3_3_NS, 'forifyllnad']],
};

const FIELD_NAMES = Object.keys(CREATE_DRAFT_FIELDS).filter((name) => name !== 'forifyllnad') as Array<Exclude<keyof CreateDraftRequest, 'forifyllnad'>>;

/**
 * {@link readCreateDraftRequest} from the scanned fields: the same values (text trimmed, absent
 * elements undefined). `payload` gives the DOM, parsed only when the request has a `forifyllnad`.
 */
export function createDraftRequestFromFields(fields: ScannedFields, payload: () => Element): CreateDraftRequest {
  const out: CreateDraftRequest = {};
  for (const name of FIELD_NAMES) {
    const value = fields[name];
    if (value !== undefined) out[name] = value.trim();
  }
  if (fields.forifyllnad !== undefined) out.forifyllnad = readCreateDraftRequest(payload()).forifyllnad;
  return out;
}

/** {@link createDraftFacts} from the scanned fields. */
export function createDraftFactsFromFields(fields: ScannedFields, logicalAddress: string | undefined) {
  return { logicalAddress, personId: fields.personId?.replace(/\D/g, '') };
}
