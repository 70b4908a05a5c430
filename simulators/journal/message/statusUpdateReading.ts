/**
 * Reading a received CertificateStatusUpdateForCare v3 payload: what the journal system needs to
 * file the event against its own record.
 */

import {
  CORE_EXT_3_4_NS,
  CORE_NS,
  STATUS_UPDATE_EXT_3_2_NS,
  STATUS_UPDATE_RESPONDER_NS,
  TYPES_NS,
} from '../../kit/contracts/contracts.js';
import {
  child,
  expectElement,
  optionalText,
  requiredPath,
  requiredText,
  type XmlNode,
} from '../../kit/xml/domPath.js';

/** Question counts of one direction (core:Arenden). */
export interface QuestionCounts {
  totalt: number;
  ejBesvarade: number;
  besvarade: number;
  hanterade: number;
}

/** What a status update says, as the journal reads it. */
export interface StatusUpdateReading {
  /** `intyg/intygs-id/extension`. */
  certificateId: string;
  /** HSA-ID of the unit the certificate belongs to: `intyg/skapadAv/enhet/enhets-id/extension`. */
  unitHsaId: string;
  /** `intyg/patient/person-id/extension` (12 digits). */
  personId: string;
  /** `handelse/handelsekod/code`, e.g. SKAPAT. */
  eventCode: string;
  /** `handelse/tidpunkt` as sent, e.g. `2025-03-30T02:30:00.000`. */
  eventTime: string;
  /** `intyg/typ/code`, e.g. LISJP. */
  typeCode: string;
  /** `intyg/version`, the text version. */
  typeVersion: string;
  /** The journal's own reference, when Webcert echoed one. */
  ref?: string;
  /** HSA-ID of the acting user: 3.2 `hanteratAv`, else `handelse/hanteratAv` (3.4). */
  handledBy?: string;
  /** `handelse/amne/code` (NYFRFM only). */
  amne?: string;
  /** `handelse/sistaDatumForSvar` (NYFRFM only). */
  sistaDatumForSvar?: string;
  questionsSent: QuestionCounts;
  questionsReceived: QuestionCounts;
}

const WHAT = 'CertificateStatusUpdateForCare';
const C = (name: string): [string, string] => [CORE_NS, name];
const R = (name: string): [string, string] => [STATUS_UPDATE_RESPONDER_NS, name];
const T = (name: string): [string, string] => [TYPES_NS, name];

function counts(payload: XmlNode, name: string): QuestionCounts {
  const node = requiredPath(payload, WHAT, R(name));
  const read = (field: string): number => {
    const text = requiredText(node, `${WHAT}/${name}`, C(field));
    const value = Number(text);
    if (!Number.isInteger(value)) throw new Error(`${WHAT}/${name}/${field} is "${text}", not a whole number.`);
    return value;
  };
  return {
    totalt: read('totalt'),
    ejBesvarade: read('ejBesvarade'),
    besvarade: read('besvarade'),
    hanterade: read('hanterade'),
  };
}

/**
 * Reads a `CertificateStatusUpdateForCare` element (the child of `soap:Body`).
 * @throws Error when it is another element or a required part is missing.
 */
export function parseCertificateStatusUpdate(payload: XmlNode): StatusUpdateReading {
  expectElement(payload, STATUS_UPDATE_RESPONDER_NS, 'CertificateStatusUpdateForCare');
  const intyg = requiredPath(payload, WHAT, R('intyg'));
  const handelse = requiredPath(payload, WHAT, R('handelse'));
  const reading: StatusUpdateReading = {
    certificateId: requiredText(intyg, `${WHAT}/intyg`, C('intygs-id'), T('extension')),
    unitHsaId: requiredText(intyg, `${WHAT}/intyg`, C('skapadAv'), C('enhet'), C('enhets-id'), T('extension')),
    personId: requiredText(intyg, `${WHAT}/intyg`, C('patient'), C('person-id'), T('extension')),
    eventCode: requiredText(handelse, `${WHAT}/handelse`, C('handelsekod'), T('code')),
    eventTime: requiredText(handelse, `${WHAT}/handelse`, C('tidpunkt')),
    typeCode: requiredText(intyg, `${WHAT}/intyg`, C('typ'), T('code')),
    typeVersion: requiredText(intyg, `${WHAT}/intyg`, C('version')),
    questionsSent: counts(payload, 'skickadeFragor'),
    questionsReceived: counts(payload, 'mottagnaFragor'),
  };
  const ref = child(payload, STATUS_UPDATE_RESPONDER_NS, 'ref');
  if (ref) reading.ref = ref.textContent ?? '';
  const handledBy =
    optionalText(payload, [STATUS_UPDATE_EXT_3_2_NS, 'hanteratAv'], T('extension')) ??
    optionalText(handelse, [CORE_EXT_3_4_NS, 'hanteratAv'], T('extension'));
  if (handledBy !== undefined) reading.handledBy = handledBy;
  const amne = optionalText(handelse, C('amne'), T('code'));
  if (amne !== undefined) reading.amne = amne;
  const sistaDatumForSvar = optionalText(handelse, C('sistaDatumForSvar'));
  if (sistaDatumForSvar !== undefined) reading.sistaDatumForSvar = sistaDatumForSvar;
  return reading;
}
