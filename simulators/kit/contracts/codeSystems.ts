/**
 * OIDs and code-system ids (kodverk) used in the certificate contracts, as Webcert's
 * `common/support/.../Constants.java` and the types XSD give them.
 */

/** Root of every HSA-ID (`types:HsaId` fixes it). */
export const HSA_ID_OID = '1.2.752.129.2.1.4.1';

/** Root of a personnummer in `types:PersonId`. */
export const PERSONNUMMER_OID = '1.2.752.129.2.1.3.1';

/** Root of a samordningsnummer in `types:PersonId`. */
export const SAMORDNINGSNUMMER_OID = '1.2.752.129.2.1.3.3';

/** Root of an arbetsplatskod (`types:ArbetsplatsKod` fixes it). */
export const ARBETSPLATSKOD_OID = '1.2.752.29.4.71';

/** Befattning (HSA title code) code system, fixed in `types:Befattning`. */
export const BEFATTNING_OID = '1.2.752.129.2.2.1.4';

/** KV intygstyp: certificate type codes (LISJP, DB, DOI ...). */
export const KV_INTYGSTYP = 'b64ea353-e8f6-4832-b563-fc7d46f29548';

/**
 * KV utlåtandetyp: the older type code system that Webcert still uses in `intyg/typ` for the
 * Transportstyrelsen types (TSTRK1007, TSTRK1031, TSTRK1009, TSTRK1062).
 */
export const KV_UTLATANDETYP = 'f6fb361a-e31d-48b8-8657-99b63912dd9b';

/** KV händelsekod: event codes of CertificateStatusUpdateForCare (SKAPAT, SIGNAT ...). */
export const KV_HANDELSEKOD = 'dfd7bbad-dbe5-4a2f-ba25-f7b9b2cc6b14';

/** KV part: recipients (FKASSA, SKV, SOS, TRANSP, HSVARD, INVANA, AF ...). */
export const KV_PART = '769bb12b-bd9f-4203-a5cd-fd14f2eb3b80';

/** KV ämne: question topics (KOMPLT, PAMINN, AVSTMN, KONTKT, OVRIGT). */
export const KV_AMNE = 'ffa59d8f-8d7e-46ae-ac9e-31804e8e8499';

/** KV statushändelser: certificate status codes (RECEIV, SENTTO, CANCEL, DELETE, RESTOR). */
export const KV_STATUS = '9871cd17-8755-4ed9-b894-ff3729e775a4';

/** KV relation: relation codes (ERSATT, KOMPLT, FRLANG, KOPIA). */
export const KV_RELATION = 'c2362fcd-eda0-4f9a-bd13-b3bbaf7f2146';

/**
 * Whether a 12-digit person id is a samordningsnummer: the day digits (positions 7–8 of
 * YYYYMMDDNNNC) are the birth day plus 60, i.e. 61–91.
 */
export function isSamordningsnummer(personId: string): boolean {
  if (!/^\d{12}$/.test(personId)) return false;
  const day = Number(personId.slice(6, 8));
  return day >= 61 && day <= 91;
}

/** The `root` OID for a person id: samordningsnummer OID for day digits 61–91, else personnummer. */
export function personIdRoot(personId: string): string {
  return isSamordningsnummer(personId) ? SAMORDNINGSNUMMER_OID : PERSONNUMMER_OID;
}
