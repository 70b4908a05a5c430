/**
 * Person ids as Webcert checks them. The general check (date, samordningsnummer, Luhn) lives in
 * the kit (simulators/kit/contracts/personId.ts) so that recipients use the same one; what
 * CreateDraftCertificate checks is Webcert's own, narrower test, below.
 */
import { luhnCheckDigit } from '../../kit/contracts/personId.js';

export { checkPersonId, luhnCheckDigit, type PersonIdCheck, type PersonIdKind } from '../../kit/contracts/personId.js';

/** What CreateDraftCertificate's field validation says about a person id. */
export interface WebcertPersonIdCheck {
  /** 12 digits without dash, when the format was one Webcert takes. */
  normalised?: string;
  /** Webcert's texts, in its order; empty when the id passes. */
  errors: string[];
}

/**
 * Webcert's field check of `patient/person-id/extension` (schemas `Personnummer.createPersonnummer`
 * and webcert `PersonnummerChecksumValidator`): a century 19 or 20, eight digits, an optional `-`
 * or `+`, four digits, and a right Luhn digit. The date is not checked (PU decides whether the
 * person exists), so a region's reservnummer written like a personnummer passes here and is
 * refused by PU; one that starts with 99 (Region Stockholm's) is refused here.
 */
export function webcertPersonIdCheck(personId: string): WebcertPersonIdCheck {
  if (!/^(19|20)\d{6}[-+]?\d{4}$/.test(personId)) {
    return { errors: [`Cannot create Personnummer object with invalid personId ${personId}`, 'Cannot validate null'] };
  }
  const normalised = personId.replace(/[-+]/, '');
  const expected = luhnCheckDigit(normalised.slice(2, 11));
  if (expected !== Number(normalised[11])) return { normalised, errors: [`The checksum digit in SSN '${normalised}' is invalid`] };
  return { normalised, errors: [] };
}
