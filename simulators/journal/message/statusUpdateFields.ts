/**
 * Reading a CertificateStatusUpdateForCare v3 on the lean path (docs/decisions/0016-lean-soap-path.md):
 * the elements the journal system files, as paths for the bounded envelope scan, and the same
 * {@link StatusUpdateReading} that `parseCertificateStatusUpdate` makes from a DOM. Where the DOM
 * reading would throw (a required element missing, a count that is not a whole number), this one
 * gives undefined, and the receiver reads the DOM for the exact error.
 */
import {
  CORE_EXT_3_4_NS,
  CORE_NS,
  STATUS_UPDATE_EXT_3_2_NS,
  STATUS_UPDATE_RESPONDER_NS,
  TYPES_NS,
} from '../../kit/contracts/contracts.js';
import type { FieldPaths, ScannedFields } from '../../kit/soap/envelopeScan.js';
import type { QuestionCounts, StatusUpdateReading } from './statusUpdateReading.js';

const R = (name: string) => [STATUS_UPDATE_RESPONDER_NS, name] as const;
const C = (name: string) => [CORE_NS, name] as const;
const T = (name: string) => [TYPES_NS, name] as const;

const COUNT_FIELDS = ['totalt', 'ejBesvarade', 'besvarade', 'hanterade'] as const;
const countPaths = (direction: 'skickadeFragor' | 'mottagnaFragor'): FieldPaths =>
  Object.fromEntries(COUNT_FIELDS.map((field) => [`${direction}.${field}`, [R(direction), C(field)]]));

/** The elements the journal system reads of a status update, below the request element. */
export const STATUS_UPDATE_FIELDS: FieldPaths = {
  certificateId: [R('intyg'), C('intygs-id'), T('extension')],
  unitHsaId: [R('intyg'), C('skapadAv'), C('enhet'), C('enhets-id'), T('extension')],
  personId: [R('intyg'), C('patient'), C('person-id'), T('extension')],
  typeCode: [R('intyg'), C('typ'), T('code')],
  typeVersion: [R('intyg'), C('version')],
  eventCode: [R('handelse'), C('handelsekod'), T('code')],
  eventTime: [R('handelse'), C('tidpunkt')],
  handledBy34: [R('handelse'), [CORE_EXT_3_4_NS, 'hanteratAv'], T('extension')],
  amne: [R('handelse'), C('amne'), T('code')],
  sistaDatumForSvar: [R('handelse'), C('sistaDatumForSvar')],
  ref: [R('ref')],
  handledBy32: [[STATUS_UPDATE_EXT_3_2_NS, 'hanteratAv'], T('extension')],
  ...countPaths('skickadeFragor'),
  ...countPaths('mottagnaFragor'),
};

function counts(fields: ScannedFields, direction: 'skickadeFragor' | 'mottagnaFragor'): QuestionCounts | undefined {
  const out: Partial<QuestionCounts> = {};
  for (const field of COUNT_FIELDS) {
    const text = fields[`${direction}.${field}`];
    if (text === undefined) return undefined;
    const value = Number(text.trim());
    if (!Number.isInteger(value)) return undefined;
    out[field] = value;
  }
  return out as QuestionCounts;
}

/**
 * The reading of a scanned status update, exactly as `parseCertificateStatusUpdate` reads its DOM;
 * undefined when that would throw (then read the DOM for its error).
 */
export function statusUpdateFromFields(fields: ScannedFields): StatusUpdateReading | undefined {
  const required = ['certificateId', 'unitHsaId', 'personId', 'eventCode', 'eventTime', 'typeCode', 'typeVersion'] as const;
  const text: Partial<Record<(typeof required)[number], string>> = {};
  for (const name of required) {
    const value = fields[name];
    if (value === undefined) return undefined;
    text[name] = value.trim();
  }
  const questionsSent = counts(fields, 'skickadeFragor');
  const questionsReceived = counts(fields, 'mottagnaFragor');
  if (!questionsSent || !questionsReceived) return undefined;
  const reading: StatusUpdateReading = { ...(text as Record<(typeof required)[number], string>), questionsSent, questionsReceived };
  if (fields.ref !== undefined) reading.ref = fields.ref;
  const handledBy = fields.handledBy32?.trim() ?? fields.handledBy34?.trim();
  if (handledBy !== undefined) reading.handledBy = handledBy;
  if (fields.amne !== undefined) reading.amne = fields.amne.trim();
  if (fields.sistaDatumForSvar !== undefined) reading.sistaDatumForSvar = fields.sistaDatumForSvar.trim();
  return reading;
}
