/**
 * The CertificateStatusUpdateForCare v3 payload (responder XSD 3.2) that Webcert sends to the
 * journal system for every event on a draft or certificate.
 */

import {
  CORE_NS,
  HSA_ID_OID,
  KV_AMNE,
  KV_HANDELSEKOD,
  STATUS_UPDATE_EXT_3_2_NS,
  STATUS_UPDATE_RESPONDER_NS,
  TYPES_NS,
} from '../../kit/contracts/contracts.js';
import type { Certificate } from '../model/certificate.js';
import { buildIntygXml } from './intygXml.js';
import type { IntygRelation } from './intygXml.js';
import { stockholmTimestampMillis } from './stockholmTime.js';
import { textElement as t } from '../../kit/xml/xmlText.js';

/** Event codes of kv_handelsekod used with v3. */
export type HandelseKod =
  | 'SKAPAT' | 'ANDRAT' | 'KFSIGN' | 'SIGNAT' | 'SKICKA' | 'RADERA'
  | 'MAKULE' | 'NYFRFM' | 'NYSVFM' | 'NYFRFV' | 'HANFRFM' | 'HANFRFV';

/** Display names of the event codes, as Webcert's HandelsekodEnum describes them. */
export const HANDELSEKOD_DISPLAY_NAMES: Readonly<Record<HandelseKod, string>> = Object.freeze({
  SKAPAT: 'Intygsutkast skapas',
  ANDRAT: 'Intygsutkast ändrat',
  KFSIGN: 'Intygsutkast klart för signering',
  SIGNAT: 'Intyg signerat',
  SKICKA: 'Intyg skickat till mottagare',
  RADERA: 'Intygsutkast raderat',
  MAKULE: 'Intyg eller intygsutkast makulerat',
  NYFRFM: 'Ny fråga från mottagare',
  NYSVFM: 'Nytt svar från mottagare',
  NYFRFV: 'Ny fråga från vården',
  HANFRFM: 'Hanterad fråga från mottagare',
  HANFRFV: 'Hanterad fråga från vården',
});

/** Display names of kv_ämne codes (Webcert's ArendeAmne). */
export const AMNE_DISPLAY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  KOMPLT: 'Komplettering',
  PAMINN: 'Påminnelse',
  AVSTMN: 'Avstämningsmöte',
  KONTKT: 'Kontakt',
  OVRIGT: 'Övrigt',
});

/** Question counts (core:Arenden) for questions sent by care or received from the recipient. */
export interface Arenden {
  totalt: number;
  ejBesvarade: number;
  besvarade: number;
  hanterade: number;
}

/** Everything one status update is built from. */
export interface StatusUpdateInput {
  certificate: Certificate;
  eventCode: HandelseKod;
  /** Virtual-clock milliseconds of the event. */
  eventTime: number;
  /** Journal reference; defaults to `certificate.ref`. */
  ref?: string;
  /** HSA-ID of the acting user, sent as the 3.2 extension `hanteratAv`. */
  handledBy?: string;
  questionsSent?: Arenden;
  questionsReceived?: Arenden;
  /** kv_ämne code of the question; written only for NYFRFM (as Webcert does). */
  amne?: string;
  /** `YYYY-MM-DD`; written only for NYFRFM. */
  sistaDatumForSvar?: string;
  /** Relations in `intyg`; default the certificate's own (a renewal's FRLANG, a replacement's ERSATT ...), as Webcert includes it. */
  relations?: readonly IntygRelation[];
}

const NO_QUESTIONS: Arenden = Object.freeze({ totalt: 0, ejBesvarade: 0, besvarade: 0, hanterade: 0 });
const INT32_MAX = 2_147_483_647;

function arenden(name: string, counts: Arenden): string {
  const fields = ['totalt', 'ejBesvarade', 'besvarade', 'hanterade'] as const;
  const body = fields
    .map((field) => {
      const value = counts[field];
      if (!Number.isInteger(value) || value < 0 || value > INT32_MAX) {
        throw new Error(`${name}.${field} is ${String(value)}: question counts must be whole numbers ≥ 0.`);
      }
      return t(`core:${field}`, String(value));
    })
    .join('');
  return `<tns:${name}>${body}</tns:${name}>`;
}

function handelse(input: StatusUpdateInput): string {
  const code = input.eventCode;
  const display = HANDELSEKOD_DISPLAY_NAMES[code];
  if (display === undefined) {
    throw new Error(`Unknown event code "${String(code)}": use one of ${Object.keys(HANDELSEKOD_DISPLAY_NAMES).join(', ')}.`);
  }
  let question = '';
  if (code === 'NYFRFM') {
    if (input.amne !== undefined) {
      const amneDisplay = AMNE_DISPLAY_NAMES[input.amne];
      question += `<core:amne>${t('types:code', input.amne)}${t('types:codeSystem', KV_AMNE)}` +
        `${amneDisplay === undefined ? '' : t('types:displayName', amneDisplay)}</core:amne>`;
    }
    if (input.sistaDatumForSvar !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.sistaDatumForSvar)) {
        throw new Error(`sistaDatumForSvar "${input.sistaDatumForSvar}" is not a YYYY-MM-DD date.`);
      }
      question += t('core:sistaDatumForSvar', input.sistaDatumForSvar);
    }
  }
  return (
    '<tns:handelse>' +
    `<core:handelsekod>${t('types:code', code)}${t('types:codeSystem', KV_HANDELSEKOD)}` +
    `${t('types:displayName', display)}</core:handelsekod>` +
    t('core:tidpunkt', stockholmTimestampMillis(input.eventTime)) +
    question +
    '</tns:handelse>'
  );
}

/**
 * The `CertificateStatusUpdateForCare` element (no XML declaration) in XSD 3.2 order: intyg,
 * handelse (tidpunkt with milliseconds, Stockholm local time), skickadeFragor, mottagnaFragor
 * (zeros by default), ref when known, and the 3.2 `hanteratAv` when `handledBy` is given.
 * @throws Error on an unknown event code, a malformed date or count, or text XML cannot carry.
 */
export function buildCertificateStatusUpdate(input: StatusUpdateInput): string {
  const ref = input.ref ?? input.certificate.ref;
  const intyg = buildIntygXml(input.certificate, {
    elementNamespace: STATUS_UPDATE_RESPONDER_NS,
    elementPrefix: 'tns',
    declareNamespaces: false,
    relations: input.relations,
  });
  const hanteratAv =
    input.handledBy === undefined
      ? ''
      : `<m1:hanteratAv>${t('types:root', HSA_ID_OID)}${t('types:extension', input.handledBy)}</m1:hanteratAv>`;
  return (
    `<tns:CertificateStatusUpdateForCare xmlns:tns="${STATUS_UPDATE_RESPONDER_NS}" ` +
    `xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}" xmlns:m1="${STATUS_UPDATE_EXT_3_2_NS}">` +
    intyg +
    handelse(input) +
    arenden('skickadeFragor', input.questionsSent ?? NO_QUESTIONS) +
    arenden('mottagnaFragor', input.questionsReceived ?? NO_QUESTIONS) +
    (ref === undefined ? '' : t('tns:ref', ref)) +
    hanteratAv +
    '</tns:CertificateStatusUpdateForCare>'
  );
}
