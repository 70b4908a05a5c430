/**
 * The certificate types (intygstyper) the Webcert simulator knows, as Webcert's modules define
 * them: KV intygstyp code, Swedish name, text versions and default recipient.
 * Sources: sklintyg/common `*EntryPoint.java`, `KvIntygstyp.java`; refdata text versions.
 */

import { KV_INTYGSTYP, KV_UTLATANDETYP } from '../../kit/contracts/codeSystems.js';

/** One certificate type. */
export interface CertificateType {
  /** KV intygstyp code (Webcert's "external id"), e.g. `LISJP`, `AG1-14`, `TSTRK1007`. */
  code: string;
  /** Webcert's internal module id, e.g. `lisjp`, `ag114`, `ts-bas`. */
  moduleId: string;
  /** Name as Webcert shows it (the module name), in Swedish. */
  name: string;
  /**
   * Code system Webcert puts in `intyg/typ/codeSystem`: KV intygstyp, except for the
   * Transportstyrelsen types, which still use KV utlåtandetyp.
   */
  codeSystem: string;
  /** `intyg/typ/displayName` in RIV-TA messages (differs from `name` for the TS types). */
  intygDisplayName: string;
  /** Known text versions, oldest first; the last is the one a new draft gets. */
  versions: readonly string[];
  /** Text version a new draft gets. */
  latestVersion: string;
  /** KV part code of the default recipient, or undefined when the type is never sent. */
  defaultRecipient?: string;
  /** The form id of the issuer, e.g. `FK 7804`, when there is one. */
  issuerTypeId?: string;
  /**
   * When a signed certificate goes to {@link defaultRecipient}, as Webcert's features.yaml
   * decides: `SIGNING` right after signing (SIGNERA_SKICKA_DIREKT: DB, DOI, AF00213, TSTRK1009),
   * `USER` when the user presses "Skicka" (SKICKA_INTYG), `NEVER` for types with no electronic
   * recipient (AG1-14, AG7804: the patient hands them to the employer).
   */
  sendOn: 'SIGNING' | 'USER' | 'NEVER';
  /**
   * Webcert's uniqueness rules per patient, when the type has them: `certificate` NATIONAL is the
   * feature UNIKT_INTYG (DB), CARE_PROVIDER is UNIKT_INTYG_INOM_VG (DOI); `draft` CARE_PROVIDER is
   * UNIKT_UTKAST_INOM_VG (DB and DOI).
   */
  unique?: { certificate: 'NATIONAL' | 'CARE_PROVIDER'; draft: 'CARE_PROVIDER' };
  /** Whether CreateDraftCertificate 3.3 `forifyllnad` is applied (feature CREATE_DRAFT_PREFILL). */
  acceptsPrefill: boolean;
  /**
   * Set when the type can be renewed ("Förnya", FRLANG; the feature FORNYA_INTYG: lisjp, luse,
   * luae_na, luae_fs, ag7804, af00251): the svar ids the renewal leaves out of the new draft, as
   * the module's `createRenewalFromTemplate` clears them (for LISJP: the basis, the sick-leave
   * periods, working-time arrangement, prognosis and the wish for contact with Försäkringskassan).
   */
  renewal?: { leavesOut: readonly string[] };
  /** The type a signed certificate of this type can be a template for ("Skapa dödsorsaksintyg" from DB). */
  templateFor?: string;
}

type TypeSpec = Omit<CertificateType, 'latestVersion' | 'codeSystem' | 'intygDisplayName' | 'sendOn' | 'acceptsPrefill'> &
  Partial<Pick<CertificateType, 'codeSystem' | 'intygDisplayName' | 'sendOn' | 'acceptsPrefill'>>;

function type(spec: TypeSpec): CertificateType {
  const latest = spec.versions[spec.versions.length - 1];
  if (latest === undefined) throw new Error(`Certificate type ${spec.code} has no text versions.`);
  return Object.freeze({
    ...spec,
    codeSystem: spec.codeSystem ?? KV_INTYGSTYP,
    intygDisplayName: spec.intygDisplayName ?? spec.name,
    sendOn: spec.sendOn ?? (spec.defaultRecipient ? 'USER' : 'NEVER'),
    acceptsPrefill: spec.acceptsPrefill ?? false,
    latestVersion: latest,
  });
}

/** Every certificate type the simulator knows. */
export const CERTIFICATE_TYPES: readonly CertificateType[] = Object.freeze([
  type({ code: 'LISJP', moduleId: 'lisjp', name: 'Läkarintyg för sjukpenning',
    versions: ['1.0', '1.1', '1.2', '1.3'], defaultRecipient: 'FKASSA', issuerTypeId: 'FK 7804',
    acceptsPrefill: true, renewal: { leavesOut: ['1', '26', '32', '33', '39'] } }),
  type({ code: 'LUSE', moduleId: 'luse', name: 'Läkarutlåtande för sjukersättning',
    versions: ['1.2', '1.3'], defaultRecipient: 'FKASSA', issuerTypeId: 'FK 7800', renewal: { leavesOut: ['1'] } }),
  type({ code: 'LUAE_NA', moduleId: 'luae_na',
    name: 'Läkarutlåtande för aktivitetsersättning vid nedsatt arbetsförmåga',
    versions: ['1.1', '1.2'], defaultRecipient: 'FKASSA', issuerTypeId: 'FK 7801', renewal: { leavesOut: ['1'] } }),
  type({ code: 'LUAE_FS', moduleId: 'luae_fs',
    name: 'Läkarutlåtande för aktivitetsersättning vid förlängd skolgång',
    versions: ['1.0', '1.1'], defaultRecipient: 'FKASSA', issuerTypeId: 'FK 7802', renewal: { leavesOut: ['1'] } }),
  type({ code: 'AG1-14', moduleId: 'ag114', name: 'Läkarintyg om arbetsförmåga – sjuklöneperioden',
    versions: ['1.0'], issuerTypeId: 'AG1-14' }),
  type({ code: 'AG7804', moduleId: 'ag7804', name: 'Läkarintyg om arbetsförmåga – arbetsgivaren',
    versions: ['1.0', '1.1', '1.2'], issuerTypeId: 'AG7804', renewal: { leavesOut: ['1', '100', '32', '33', '39'] } }),
  type({ code: 'DB', moduleId: 'db', name: 'Dödsbevis', versions: ['1.0'], defaultRecipient: 'SKV',
    sendOn: 'SIGNING', unique: { certificate: 'NATIONAL', draft: 'CARE_PROVIDER' }, templateFor: 'DOI' }),
  type({ code: 'DOI', moduleId: 'doi', name: 'Dödsorsaksintyg', versions: ['1.0'],
    defaultRecipient: 'SOS', sendOn: 'SIGNING', unique: { certificate: 'CARE_PROVIDER', draft: 'CARE_PROVIDER' } }),
  type({ code: 'TSTRK1007', moduleId: 'ts-bas',
    name: 'Transportstyrelsens läkarintyg högre körkortsbehörighet',
    codeSystem: KV_UTLATANDETYP, intygDisplayName: 'Transportstyrelsens läkarintyg',
    versions: ['6.7', '6.8', '7.0'], defaultRecipient: 'TRANSP', issuerTypeId: 'TSTRK1007' }),
  type({ code: 'TSTRK1031', moduleId: 'ts-diabetes', name: 'Transportstyrelsens läkarintyg diabetes',
    codeSystem: KV_UTLATANDETYP, intygDisplayName: 'Transportstyrelsens läkarintyg, diabetes',
    versions: ['2.6', '2.8', '3.0', '4.0', '4.1', '4.2'], defaultRecipient: 'TRANSP',
    issuerTypeId: 'TSTRK1031' }),
  type({ code: 'TSTRK1009', moduleId: 'tstrk1009', name: 'Läkares anmälan till Transportstyrelsen',
    codeSystem: KV_UTLATANDETYP, versions: ['1.0'], defaultRecipient: 'TRANSP', sendOn: 'SIGNING' }),
  type({ code: 'TSTRK1062', moduleId: 'tstrk1062', name: 'Transportstyrelsens läkarintyg ADHD',
    codeSystem: KV_UTLATANDETYP, versions: ['1.0'], defaultRecipient: 'TRANSP' }),
  type({ code: 'AF00213', moduleId: 'af00213', name: 'Arbetsförmedlingens medicinska utlåtande',
    versions: ['1.0'], defaultRecipient: 'AF', sendOn: 'SIGNING' }),
  type({ code: 'AF00251', moduleId: 'af00251',
    name: 'Läkarintyg för deltagare i arbetsmarknadspolitiska program med aktivitetsstöd, ' +
      'utvecklingsersättning eller etableringsersättning',
    versions: ['1.0'], defaultRecipient: 'AF', renewal: { leavesOut: ['1'] } }),
]);

/**
 * The ten types of the user forum's statistics of issued certificates (seed minutes §11): the
 * types a region's samverkanstest covers.
 */
export const FORUM_STATISTICS_TYPES: readonly string[] = Object.freeze([
  'AG1-14', 'AG7804', 'DB', 'DOI', 'LISJP', 'LUAE_FS', 'LUAE_NA', 'LUSE', 'TSTRK1007', 'TSTRK1031',
]);

/** The type with this KV intygstyp code (case-insensitive, as Webcert compares), if known. */
export function certificateTypeByCode(code: string): CertificateType | undefined {
  const wanted = code.toUpperCase();
  return CERTIFICATE_TYPES.find((t) => t.code === wanted);
}

/** The type with this Webcert module id (e.g. `lisjp`, `ts-bas`), if known. */
export function certificateTypeByModuleId(moduleId: string): CertificateType | undefined {
  const wanted = moduleId.toLowerCase();
  return CERTIFICATE_TYPES.find((t) => t.moduleId === wanted);
}

/**
 * The type with this code, or an error listing the known codes.
 * @throws Error when the code is unknown.
 */
export function requireCertificateType(code: string): CertificateType {
  const found = certificateTypeByCode(code);
  if (!found) {
    throw new Error(
      `Unknown certificate type "${code}": known KV intygstyp codes are ` +
        `${CERTIFICATE_TYPES.map((t) => t.code).join(', ')}.`,
    );
  }
  return found;
}
