/**
 * The RIV-TA `intyg` element (type core:Intyg, core 3.3) built from the simulator's Certificate,
 * child by child in XSD order, as Webcert fills it for CertificateStatusUpdateForCare and
 * RegisterCertificate.
 */

import {
  ARBETSPLATSKOD_OID,
  CORE_NS,
  HSA_ID_OID,
  KV_INTYGSTYP,
  KV_PART,
  KV_RELATION,
  KV_STATUS,
  TYPES_NS,
  personIdRoot,
} from '../../kit/contracts/contracts.js';
import type { CareUnit, Certificate, CertificateRelation, DelsvarValue, RelationCode, StaffMember, Svar } from '../model/certificate.js';
import { underskriftXml } from '../../kit/dsig/intygSignature.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import { stockholmTimestamp } from './stockholmTime.js';
import { textElement as t, xmlEscape } from '../../kit/xml/xmlText.js';

/** What Webcert sends in `arbetsplatskod/extension` when the unit has none. */
export const TEMPORARY_ARBETSPLATSKOD = 'TEMPORARY ARBETSPLATSKOD';

/**
 * A relation to another certificate (kv_relation): this one replaces, complements ... that one.
 * Its `intygs-id/root` is this certificate's unit, as Webcert writes it.
 */
export type IntygRelation = CertificateRelation;

/** `displayName` of each kv_relation code, as Webcert's RelationKod has them. */
export const RELATION_DISPLAY_NAMES: Readonly<Record<RelationCode, string>> = Object.freeze({
  ERSATT: 'Ersätter',
  KOMPLT: 'Kompletterar',
  FRLANG: 'Förlänger',
  KOPIA: 'Kopierat',
});

/** A status event of the certificate (kv_statushändelser) at a party (kv_part). */
export interface IntygStatusEntry {
  part: string;
  status: 'RECEIV' | 'SENTTO' | 'CANCEL' | 'DELETE' | 'RESTOR';
  /** Virtual-clock milliseconds. */
  time: number;
}

/** How to write the `intyg` element. */
export interface IntygXmlOptions {
  /**
   * Namespace of the `intyg` element itself. It is declared (elementFormDefault qualified) by the
   * responder schema that uses it, e.g. CertificateStatusUpdateForCareResponder:3, so it is that
   * namespace, not the core one; the children are in the core namespace.
   */
  elementNamespace: string;
  /** Prefix bound to `elementNamespace`; default `tns`. */
  elementPrefix?: string;
  /**
   * Declare the element, `core` and `types` prefixes on the `intyg` element (default true, so the
   * fragment stands alone). Pass false when an enclosing element declares them.
   */
  declareNamespaces?: boolean;
  /** Default: the certificate's own relation (to the certificate it was made from), if any. */
  relations?: readonly IntygRelation[];
  statuses?: readonly IntygStatusEntry[];
  /** The certificate's `ds:Signature`, written last in `underskrift` (RegisterCertificate v3). */
  signatureXml?: string;
}

function ii(qualifiedName: string, root: string, extension: string): string {
  return `<${qualifiedName}>${t('types:root', root)}${t('types:extension', extension)}</${qualifiedName}>`;
}

function cv(qualifiedName: string, code: string, codeSystem: string, displayName?: string): string {
  const display = displayName === undefined ? '' : t('types:displayName', displayName);
  return `<${qualifiedName}>${t('types:code', code)}${t('types:codeSystem', codeSystem)}${display}</${qualifiedName}>`;
}

function typ(certificate: Certificate): string {
  const known = certificateTypeByCode(certificate.typeCode);
  return cv('core:typ', certificate.typeCode, known?.codeSystem ?? KV_INTYGSTYP, known?.intygDisplayName);
}

function patient(certificate: Certificate): string {
  const p = certificate.patient;
  if (!/^\d{12}$/.test(p.personId)) {
    throw new Error(
      `Patient id "${p.personId}" of certificate ${certificate.id} is not 12 digits (YYYYMMDDNNNC, ` +
        'no dash), which types:PersonId requires: store the person id without dash.',
    );
  }
  return (
    '<core:patient>' +
    ii('core:person-id', personIdRoot(p.personId), p.personId) +
    t('core:fornamn', p.fornamn) +
    t('core:efternamn', p.efternamn) +
    // Written when set, also empty (Webcert empties it for a patient with protected identity).
    (p.mellannamn !== undefined ? t('core:mellannamn', p.mellannamn) : '') +
    t('core:postadress', p.postadress) +
    t('core:postnummer', p.postnummer) +
    t('core:postort', p.postort) +
    '</core:patient>'
  );
}

function skapadAv(certificate: Certificate): string {
  return hosPersonalXml('core:skapadAv', certificate.issuedBy, certificate.unit);
}

/**
 * A `core:HosPersonal` element named `qualifiedName` (its children in the `core` prefix, which an
 * enclosing element declares): the person, and the unit with its care provider.
 */
export function hosPersonalXml(qualifiedName: string, staff: StaffMember, unit: CareUnit): string {
  const arbetsplatskod = unit.arbetsplatskod?.trim() ? unit.arbetsplatskod : TEMPORARY_ARBETSPLATSKOD;
  const enhet =
    '<core:enhet>' +
    ii('core:enhets-id', HSA_ID_OID, unit.hsaId) +
    ii('core:arbetsplatskod', ARBETSPLATSKOD_OID, arbetsplatskod) +
    t('core:enhetsnamn', unit.name) +
    t('core:postadress', unit.postadress) +
    t('core:postnummer', unit.postnummer) +
    t('core:postort', unit.postort) +
    t('core:telefonnummer', unit.telefonnummer) +
    (unit.epost ? t('core:epost', unit.epost) : '') +
    '<core:vardgivare>' +
    ii('core:vardgivare-id', HSA_ID_OID, unit.careProvider.hsaId) +
    t('core:vardgivarnamn', unit.careProvider.name) +
    '</core:vardgivare>' +
    '</core:enhet>';
  return (
    `<${qualifiedName}>` +
    ii('core:personal-id', HSA_ID_OID, staff.hsaId) +
    t('core:fullstandigtNamn', staff.fullName) +
    (staff.forskrivarkod ? t('core:forskrivarkod', staff.forskrivarkod) : '') +
    enhet +
    `</${qualifiedName}>`
  );
}

function relation(certificate: Certificate, r: IntygRelation): string {
  return (
    '<core:relation>' +
    cv('core:typ', r.code, KV_RELATION, RELATION_DISPLAY_NAMES[r.code]) +
    ii('core:intygs-id', certificate.unit.hsaId, r.certificateId) +
    '</core:relation>'
  );
}

function status(s: IntygStatusEntry): string {
  return (
    '<core:status>' +
    cv('core:part', s.part, KV_PART) +
    cv('core:status', s.status, KV_STATUS) +
    t('core:tidpunkt', stockholmTimestamp(s.time)) +
    '</core:status>'
  );
}

function delsvarContent(value: DelsvarValue): string {
  if (typeof value === 'string') return xmlEscape(value);
  if ('cv' in value) return cv('types:cv', value.cv.code, value.cv.codeSystem, value.cv.displayName);
  if ('partialDate' in value) {
    const { format, value: date } = value.partialDate;
    return `<types:partialDate>${t('types:format', format)}${t('types:value', date)}</types:partialDate>`;
  }
  if ('pq' in value) {
    // Java's Double.toString, as JAXB writes an xs:double: 50 → 50.0.
    const n = Number.isInteger(value.pq.value) ? value.pq.value.toFixed(1) : String(value.pq.value);
    return `<types:pq>${t('types:value', n)}${t('types:unit', value.pq.unit)}</types:pq>`;
  }
  const { start, end } = value.datePeriod;
  return `<types:datePeriod>${t('types:start', start)}${t('types:end', end)}</types:datePeriod>`;
}

function svar(s: Svar): string {
  const instans = s.instans === undefined ? '' : t('core:instans', String(s.instans));
  const delsvar = s.delsvar
    .map((d) => `<core:delsvar id="${xmlEscape(d.id)}">${delsvarContent(d.value)}</core:delsvar>`)
    .join('');
  return `<core:svar id="${xmlEscape(s.id)}">${instans}${delsvar}</core:svar>`;
}

/**
 * The `intyg` element for `certificate` as an XML string (no XML declaration): intygs-id (root =
 * unit HSA-ID), typ, version, signeringstidpunkt/skickatTidpunkt when set (Stockholm local time),
 * patient, skapadAv (empty arbetsplatskod → `TEMPORARY ARBETSPLATSKOD`, empty epost left out),
 * relations (the certificate's own unless `options` says) and statuses from `options`, then the
 * answers and, when given, the signature.
 * @throws Error when the patient id is not 12 digits or a text holds characters XML cannot carry.
 */
export function buildIntygXml(certificate: Certificate, options: IntygXmlOptions): string {
  const prefix = options.elementPrefix ?? 'tns';
  const name = `${prefix}:intyg`;
  const declarations =
    options.declareNamespaces === false
      ? ''
      : ` xmlns:${prefix}="${xmlEscape(options.elementNamespace)}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}"`;
  return (
    `<${name}${declarations}>` +
    ii('core:intygs-id', certificate.unit.hsaId, certificate.id) +
    typ(certificate) +
    t('core:version', certificate.typeVersion) +
    (certificate.signedAt === undefined ? '' : t('core:signeringstidpunkt', stockholmTimestamp(certificate.signedAt))) +
    (certificate.sentAt === undefined ? '' : t('core:skickatTidpunkt', stockholmTimestamp(certificate.sentAt))) +
    patient(certificate) +
    skapadAv(certificate) +
    (options.relations ?? (certificate.relation ? [certificate.relation] : [])).map((r) => relation(certificate, r)).join('') +
    (options.statuses ?? []).map(status).join('') +
    certificate.answers.map(svar).join('') +
    (options.signatureXml ? underskriftXml(options.signatureXml) : '') +
    `</${name}>`
  );
}
