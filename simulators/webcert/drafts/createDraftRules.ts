/**
 * Webcert's uniqueness rules when a draft is created (webcert `AuthoritiesHelperUtil`
 * `performUniqueAndModuleValidation`, `UtkastServiceImpl.checkIfPersonHasExistingIntyg`, the
 * features UNIKT_INTYG, UNIKT_INTYG_INOM_VG and UNIKT_UTKAST_INOM_VG of features.yaml, and DOI's
 * `validateDraftCreation`), with Webcert's texts. The patient's earlier certificates are looked
 * up nationally (every care provider in Webcert); what counts is whether the one that decides
 * belongs to the same care provider (and unit) as the new draft:
 *
 * | earlier                  | same unit | same care provider, other unit | other care provider |
 * |--------------------------|-----------|--------------------------------|---------------------|
 * | signed DB (UNIKT_INTYG)  | ERROR     | ERROR                          | ERROR               |
 * | signed DOI (…_INOM_VG)   | ERROR     | ERROR                          | INFO                |
 * | DB or DOI draft          | ERROR     | ERROR                          | INFO                |
 *
 * A revoked certificate or a deleted draft does not count. DOI also answers INFO when the patient
 * has no signed DB. Errors win over infos: signed, then draft, then DOI's own check. Other types
 * (LISJP …) have no such rule: a second draft for the same patient is plain OK.
 */
import type { CareUnit, Certificate } from '../model/certificate.js';
import { CERTIFICATE_TYPES, type CertificateType } from '../model/certificateTypes.js';

/** Webcert's texts (`AuthoritiesHelperUtil`); `%s` is the type's name in lower case. */
export const UNIQUENESS_TEXTS = Object.freeze({
  draftSameUnit: 'Det finns ett utkast på %s för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
  draftOtherUnit: 'Det finns ett utkast på %s för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
  draftOtherCareProvider: 'Det finns ett utkast på %s för detta personnummer hos annan vårdgivare. Senast skapade %s är det som gäller. Om du fortsätter och lämnar in %set så blir det därför detta %s som gäller.',
  certificateSameUnit: 'Det finns ett signerat %s för detta personnummer. Du kan inte skapa ett nytt %s men kan däremot välja att ersätta det befintliga %set.',
  certificateOtherUnit: 'Det finns ett signerat %s för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt %s men kan däremot välja att ersätta det befintliga %set.',
  certificateOtherCareProvider: 'Det finns ett signerat %s för detta personnummer hos annan vårdgivare. Det är inte möjligt att skapa ett nytt %s.',
  certificateOtherCareProviderOverride: 'Det finns ett signerat %s för detta personnummer hos annan vårdgivare. Senast skapade %s är det som gäller. Om du fortsätter och lämnar in %set så blir det därför detta %s som gäller.',
  /** DOI's own check (`DoiModuleApiV1.validateDraftCreation`). */
  doiWithoutDb: 'Det finns inget dödsbevis i nuläget inom vårdgivaren. Dödsorsaksintyget bör alltid skapas efter dödsbeviset.',
});

/** What Webcert answers besides OK: ERROR (no draft) or INFO (draft made, with a warning). */
export interface DraftCreationVerdict {
  resultCode: 'ERROR' | 'INFO';
  resultText: string;
}

interface Previous {
  sameCareProvider: boolean;
  sameUnit: boolean;
}

const DRAFT_STATUSES = new Set(['DRAFT_INCOMPLETE', 'DRAFT_COMPLETE']);

/** The earlier one that decides, as Webcert reduces them: the latest of the same care provider, if any. */
function previous(certificates: readonly Certificate[], typeCode: string, unit: CareUnit): Previous | undefined {
  const ofType = certificates.filter((c) => c.typeCode === typeCode);
  if (!ofType.length) return undefined;
  const sameProvider = ofType.filter((c) => c.unit.careProvider.hsaId === unit.careProvider.hsaId);
  const decisive = sameProvider[sameProvider.length - 1];
  return decisive ? { sameCareProvider: true, sameUnit: decisive.unit.hsaId === unit.hsaId } : { sameCareProvider: false, sameUnit: false };
}

function verdict(resultCode: 'ERROR' | 'INFO', text: string, type: CertificateType): DraftCreationVerdict {
  return { resultCode, resultText: text.replaceAll('%s', type.name.toLowerCase()) };
}

/**
 * What Webcert says about a new draft of `type` on `unit` for a patient with `existing`
 * certificates and drafts (every care provider's), or undefined for plain OK.
 */
export function draftCreationVerdict(type: CertificateType, existing: readonly Certificate[], unit: CareUnit): DraftCreationVerdict | undefined {
  // Webcert only looks up the types that have a uniqueness feature.
  const uniqueTypes = new Set(CERTIFICATE_TYPES.filter((t) => t.unique).map((t) => t.code));
  const relevant = existing.filter((c) => uniqueTypes.has(c.typeCode));
  const signed = relevant.filter((c) => c.status === 'SIGNED').sort((a, b) => (a.signedAt ?? 0) - (b.signedAt ?? 0));
  const drafts = relevant.filter((c) => DRAFT_STATUSES.has(c.status)).sort((a, b) => a.createdAt - b.createdAt);
  const t = UNIQUENESS_TEXTS;

  let certificateCheck: DraftCreationVerdict | undefined;
  const earlierCertificate = type.unique ? previous(signed, type.code, unit) : undefined;
  if (type.unique && earlierCertificate) {
    if (earlierCertificate.sameCareProvider) certificateCheck = verdict('ERROR', earlierCertificate.sameUnit ? t.certificateSameUnit : t.certificateOtherUnit, type);
    else if (type.unique.certificate === 'NATIONAL') certificateCheck = verdict('ERROR', t.certificateOtherCareProvider, type);
    else certificateCheck = verdict('INFO', t.certificateOtherCareProviderOverride, type);
  }

  let draftCheck: DraftCreationVerdict | undefined;
  const earlierDraft = type.unique?.draft ? previous(drafts, type.code, unit) : undefined;
  if (earlierDraft) {
    if (earlierDraft.sameCareProvider) draftCheck = verdict('ERROR', earlierDraft.sameUnit ? t.draftSameUnit : t.draftOtherUnit, type);
    else draftCheck = verdict('INFO', t.draftOtherCareProvider, type);
  }

  const moduleCheck: DraftCreationVerdict | undefined =
    type.code === 'DOI' && !signed.some((c) => c.typeCode === 'DB') ? verdict('INFO', t.doiWithoutDb, type) : undefined;

  const checks = [certificateCheck, draftCheck, moduleCheck];
  return checks.find((c) => c?.resultCode === 'ERROR') ?? checks.find((c) => c?.resultCode === 'INFO');
}
