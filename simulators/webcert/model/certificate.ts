import type { Arende } from '../questions/arende.js';

/**
 * The Webcert simulator's own model of a certificate ("intyg") and the people and units around it.
 * It holds what Webcert keeps about a draft or signed certificate, in Webcert's terms, so that
 * messages (CertificateStatusUpdateForCare, RegisterCertificate) can be built from it.
 */

/** Life cycle of a certificate as the simulator tracks it. */
export type CertificateStatus =
  | 'DRAFT_INCOMPLETE'
  | 'DRAFT_COMPLETE'
  | 'SIGNED'
  | 'REVOKED'
  | 'DELETED';

/** A coded value (types:CVType): code, code system OID/UUID, optional display name. */
export interface CodedValue {
  code: string;
  codeSystem: string;
  displayName?: string;
}

/** A patient as Webcert knows him or her (in Webcert, from PU; here from the topology). */
export interface Patient {
  /** Personnummer or samordningsnummer, 12 digits without dash. */
  personId: string;
  fornamn: string;
  mellannamn?: string;
  efternamn: string;
  postadress: string;
  postnummer: string;
  postort: string;
}

/** A care provider (vårdgivare). */
export interface CareProvider {
  hsaId: string;
  name: string;
}

/** A care unit (vårdenhet) in HSA. */
export interface CareUnit {
  hsaId: string;
  name: string;
  /** Empty means Webcert sends the literal `TEMPORARY ARBETSPLATSKOD`. */
  arbetsplatskod?: string;
  postadress: string;
  postnummer: string;
  postort: string;
  telefonnummer: string;
  epost?: string;
  careProvider: CareProvider;
}

/** Webcert's roles (authorities.yaml) that the simulator knows. */
export type Role = 'LAKARE' | 'TANDLAKARE' | 'SJUKSKOTERSKA' | 'BARNMORSKA' | 'VARDADMINISTRATOR';

/** What HSA holds about a person that decides Webcert's role (see directory/hsaRole.ts). */
export interface HsaCredentials {
  /** Legitimerade yrkesgrupper (HSA healthCareProfessionalLicence), e.g. "Läkare", "Sjuksköterska". */
  legitimeradeYrkesgrupper?: readonly string[];
  /** Befattningskoder (HSA paTitleCode), e.g. "204010" for AT-läkare. */
  befattningskoder?: readonly string[];
  /** Gruppförskrivarkoder (HSA groupPrescriptionCode), e.g. "9300005". */
  gruppforskrivarkoder?: readonly string[];
  /** The person's own förskrivarkod (Webcert also tries it as a gruppförskrivarkod). */
  forskrivarkod?: string;
}

/** A member of staff (HoS-personal) with the units he or she holds a commission on. */
export interface StaffMember extends HsaCredentials {
  hsaId: string;
  fullName: string;
  givenName?: string;
  surname?: string;
  /** Personnummer (12 digits), released by the IdP where SITHS carries it. */
  personId?: string;
  /** HSA-IDs of units where the person has a "Vård och behandling" commission. */
  commissions: string[];
  /** Role as Webcert derives it from the HSA credentials (directory/hsaRole.ts). */
  role: Role;
}

/**
 * A member of staff as a topology's directory gives it: HSA's data, from which Webcert derives the
 * role. `role` may still be named (topology files written before the derivation); it then wins.
 */
export type DirectoryStaffMember = Omit<StaffMember, 'role'> & { role?: Role };

/** How a draft relates to the certificate it was made from (kv_relation; Webcert's RelationKod). */
export type RelationCode = 'ERSATT' | 'KOMPLT' | 'FRLANG' | 'KOPIA';

/** The certificate a draft was made from, and how (Webcert's `Utkast.relationKod`/`relationIntygsId`). */
export interface CertificateRelation {
  code: RelationCode;
  /** Id of the earlier certificate. */
  certificateId: string;
}

/** One delsvar (sub-answer): plain text/number/boolean/date as a string, or a structured value. */
export type DelsvarValue =
  | string
  | { cv: CodedValue }
  | { datePeriod: { start: string; end: string } }
  /** types:PartialDateType: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with its format. */
  | { partialDate: { format: 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD'; value: string } }
  /** types:PQType: a physical quantity, e.g. a sick-leave degree in `%`. */
  | { pq: { value: number; unit: string } };

/** One answer (svar) of a certificate, in the RIV-TA generic form. */
export interface Svar {
  /** Question id, digits (e.g. "1", "27"). */
  id: string;
  /** For repeated questions: 1, 2, ... */
  instans?: number;
  delsvar: { id: string; value: DelsvarValue }[];
}

/**
 * A draft or certificate held by the Webcert simulator. The store keeps it as JSON, so every field
 * must be plain data (no Date, Map or Buffer); a new field is stored as it is, and one that must be
 * looked up gets an indexed column in drafts/certificateTable.ts.
 */
export interface Certificate {
  /** Certificate id (UUID); the `extension` of intygs-id. */
  id: string;
  /** KV intygstyp code, e.g. `LISJP`, `DB`. */
  typeCode: string;
  /** Text version of the type, e.g. `1.3`. */
  typeVersion: string;
  /** The care unit the draft was created on; LogicalAddress of its status updates. */
  unit: CareUnit;
  /** Who created the draft (and, once signed, signed it). */
  issuedBy: StaffMember;
  patient: Patient;
  /** The journal system's reference, echoed as `ref` in every status update. */
  ref?: string;
  status: CertificateStatus;
  /** Virtual-clock milliseconds. */
  createdAt: number;
  signedAt?: number;
  /** When the draft was marked ready for signing ("Markera klart för signering", KFSIGN). */
  readyForSignAt?: number;
  sentAt?: number;
  revokedAt?: number;
  /** Recipient the certificate was sent to (KV part code, e.g. FKASSA, SKV). */
  sentTo?: string;
  /** Why it was revoked: Webcert's reason code (`FEL_PATIENT`, `ANNAT_ALLVARLIGT_FEL`), when one was given. */
  revokeReason?: string;
  /**
   * The certificate this draft was made from by renewing (FRLANG), replacing (ERSATT) or
   * complementing (KOMPLT) it; sent as `intyg/relation` in every message about this one.
   */
  relation?: CertificateRelation;
  answers: Svar[];
  /** Optimistic-lock version, bumped on every save. */
  version: number;
  /** Questions and answers exchanged with the recipient about this certificate (oldest first). */
  arenden?: Arende[];
  /** Once signed: the signed RegisterCertificate v3 (signature in `intyg/underskrift`) and the `ds:Signature`. */
  signature?: { document: string; xml: string; signerCertificatePem: string };
}
