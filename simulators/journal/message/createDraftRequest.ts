/**
 * CreateDraftCertificate v3 (responder XSD 3.3) as the journal system sends it to Webcert, and
 * the reading of Webcert's answer.
 */

import {
  CORE_EXT_3_3_NS,
  CORE_NS,
  CREATE_DRAFT_RESPONDER_NS,
  HSA_ID_OID,
  KV_INTYGSTYP,
  TYPES_NS,
  personIdRoot,
} from '../../kit/contracts/contracts.js';
import { child, expectElement, optionalText, requiredText, type XmlNode } from '../../kit/xml/domPath.js';
import { textElement as t, xmlEscape } from '../../kit/xml/xmlText.js';

/** One delsvar the journal prefills: text (also dates, booleans), a coded value or a period. */
export type PrefillValue =
  | string
  | { cv: { code: string; codeSystem: string; displayName?: string } }
  | { datePeriod: { start: string; end: string } };

/** One svar of CreateDraftCertificate 3.3 `forifyllnad`. */
export interface PrefillSvar {
  id: string;
  instans?: number;
  delsvar: { id: string; value: PrefillValue }[];
}

/** What the journal asks Webcert to create. */
export interface CreateDraftInput {
  /** KV intygstyp code, e.g. LISJP, DB. */
  typeCode: string;
  /** Optional `typAvIntyg/displayName`. */
  typeDisplayName?: string;
  patient: {
    /** 12 digits; samordningsnummer (day digits 61–91) get their own root OID. */
    personId: string;
    fornamn: string;
    mellannamn?: string;
    efternamn: string;
    postadress?: string;
    postnummer?: string;
    postort?: string;
  };
  issuedBy: { hsaId: string; fullName: string };
  unit: { hsaId: string; name: string };
  /** The journal's own reference, echoed by Webcert in every status update. */
  ref?: string;
  /** CreateDraftCertificate 3.3 prefill (`forifyllnad`): answers the draft starts with. */
  forifyllnad?: PrefillSvar[];
}

/** Webcert's answer to CreateDraftCertificate. */
export interface CreateDraftResponseReading {
  resultCode: string;
  errorId?: string;
  resultText?: string;
  /** `intygs-id/extension`: the new draft's id. */
  certificateId?: string;
  /** `intygs-id/root`: the unit HSA-ID the draft belongs to. */
  unitHsaId?: string;
}

function prefillValue(value: PrefillValue): string {
  if (typeof value === 'string') return xmlEscape(value);
  if ('cv' in value) {
    const display = value.cv.displayName === undefined ? '' : t('types:displayName', value.cv.displayName);
    return `<types:cv>${t('types:code', value.cv.code)}${t('types:codeSystem', value.cv.codeSystem)}${display}</types:cv>`;
  }
  return `<types:datePeriod>${t('types:start', value.datePeriod.start)}${t('types:end', value.datePeriod.end)}</types:datePeriod>`;
}

/** The `m3:forifyllnad` element (svar in the 3.3 namespace, instans and delsvar in core). */
function forifyllnad(svar: readonly PrefillSvar[]): string {
  const items = svar.map((s) => {
    const instans = s.instans === undefined ? '' : t('core:instans', String(s.instans));
    const delsvar = s.delsvar.map((d) => `<core:delsvar id="${xmlEscape(d.id)}">${prefillValue(d.value)}</core:delsvar>`).join('');
    return `<m3:svar id="${xmlEscape(s.id)}">${instans}${delsvar}</m3:svar>`;
  });
  return `<m3:forifyllnad>${items.join('')}</m3:forifyllnad>`;
}

function hsaId(name: string, extension: string): string {
  return `<tns:${name}>${t('types:root', HSA_ID_OID)}${t('types:extension', extension)}</tns:${name}>`;
}

/**
 * The `CreateDraftCertificate` element (no XML declaration). The patient's address elements are
 * required by core:Patient, so they are written empty when not given (Webcert takes the address
 * from PU anyway). Values are written as given, not checked, so a test can send data Webcert
 * must reject.
 * @throws Error only when a text holds characters XML cannot carry.
 */
export function buildCreateDraftCertificate(input: CreateDraftInput): string {
  const p = input.patient;
  const typAvIntyg =
    '<tns:typAvIntyg>' +
    t('types:code', input.typeCode) +
    t('types:codeSystem', KV_INTYGSTYP) +
    (input.typeDisplayName === undefined ? '' : t('types:displayName', input.typeDisplayName)) +
    '</tns:typAvIntyg>';
  const patient =
    '<tns:patient>' +
    `<core:person-id>${t('types:root', personIdRoot(p.personId))}${t('types:extension', p.personId)}</core:person-id>` +
    t('core:fornamn', p.fornamn) +
    t('core:efternamn', p.efternamn) +
    (p.mellannamn ? t('core:mellannamn', p.mellannamn) : '') +
    t('core:postadress', p.postadress ?? '') +
    t('core:postnummer', p.postnummer ?? '') +
    t('core:postort', p.postort ?? '') +
    '</tns:patient>';
  const skapadAv =
    '<tns:skapadAv>' +
    hsaId('personal-id', input.issuedBy.hsaId) +
    t('tns:fullstandigtNamn', input.issuedBy.fullName) +
    `<tns:enhet>${hsaId('enhets-id', input.unit.hsaId)}${t('tns:enhetsnamn', input.unit.name)}</tns:enhet>` +
    '</tns:skapadAv>';
  return (
    `<tns:CreateDraftCertificate xmlns:tns="${CREATE_DRAFT_RESPONDER_NS}" ` +
    `xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}"${input.forifyllnad ? ` xmlns:m3="${CORE_EXT_3_3_NS}"` : ''}>` +
    `<tns:intyg>${typAvIntyg}${patient}${skapadAv}` +
    (input.ref === undefined ? '' : t('tns:ref', input.ref)) +
    (input.forifyllnad ? forifyllnad(input.forifyllnad) : '') +
    '</tns:intyg></tns:CreateDraftCertificate>'
  );
}

/**
 * Reads a `CreateDraftCertificateResponse` element (the child of `soap:Body`).
 * @throws Error when it is another element or has no `result/resultCode`.
 */
export function parseCreateDraftCertificateResponse(payload: XmlNode): CreateDraftResponseReading {
  expectElement(payload, CREATE_DRAFT_RESPONDER_NS, 'CreateDraftCertificateResponse');
  const what = 'CreateDraftCertificateResponse';
  const reading: CreateDraftResponseReading = {
    resultCode: requiredText(payload, what, [CREATE_DRAFT_RESPONDER_NS, 'result'], [CORE_NS, 'resultCode']),
  };
  const result = child(payload, CREATE_DRAFT_RESPONDER_NS, 'result');
  const errorId = result && optionalText(result, [CORE_NS, 'errorId']);
  if (errorId !== undefined) reading.errorId = errorId;
  const resultText = result && optionalText(result, [CORE_NS, 'resultText']);
  if (resultText !== undefined) reading.resultText = resultText;
  const id = child(payload, CREATE_DRAFT_RESPONDER_NS, 'intygs-id');
  if (id) {
    const certificateId = optionalText(id, [TYPES_NS, 'extension']);
    if (certificateId !== undefined) reading.certificateId = certificateId;
    const unitHsaId = optionalText(id, [TYPES_NS, 'root']);
    if (unitHsaId !== undefined) reading.unitHsaId = unitHsaId;
  }
  return reading;
}
