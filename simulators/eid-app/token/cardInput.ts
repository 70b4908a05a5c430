/** Checks of what a user gives for a new card, before anything touches a token. */
import { CardError } from './cardError.js';
import type { PersonIdentity } from './certificateIssuer.js';
import { TOKEN_LABEL_MAX } from './pkcs11Module.js';

/** HSA-IDs as SITHS spells them (e.g. `SE2321000016-1003`, `TSTNMT2321000156-1079`), at most 32 characters (the token label). */
const HSA_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/;

/** @throws {CardError} `invalidInput` saying what an HSA-ID must look like. */
export function checkHsaId(hsaId: unknown): string {
  if (typeof hsaId !== 'string' || !HSA_ID.test(hsaId)) {
    throw new CardError(
      'invalidInput',
      `HSA-ID ${JSON.stringify(hsaId)} is not usable: give letters, digits and dashes, 2 to ${TOKEN_LABEL_MAX} characters (for example SE2321000016-1003); it becomes the card's token label.`,
    );
  }
  return hsaId;
}

/** @throws {CardError} `invalidInput` unless the PIN is 4 to 32 printable ASCII characters (SoftHSM2 needs at least 4). */
export function checkPin(pin: unknown, what = 'PIN'): string {
  if (typeof pin !== 'string' || !/^[\x21-\x7e]{4,32}$/.test(pin)) {
    throw new CardError('invalidInput', `${what} must be 4 to 32 characters without spaces (digits on a real SITHS card), got ${typeof pin === 'string' ? `${pin.length} characters` : typeof pin}`);
  }
  return pin;
}

/** @throws {CardError} `invalidInput` naming the missing or malformed fields. */
export function checkPerson(person: PersonIdentity): PersonIdentity {
  checkHsaId(person.hsaId);
  const problems: string[] = [];
  for (const field of ['givenName', 'surname'] as const) {
    const value = person[field];
    if (typeof value !== 'string' || !value.trim() || value.length > 64) problems.push(`${field} must be 1 to 64 characters`);
  }
  if (person.personId !== undefined && !/^\d{8}-?\d{4}$/.test(person.personId)) problems.push('personId must be a personnummer, 12 digits (dash allowed: 19121212-1212)');
  if (problems.length) throw new CardError('invalidInput', `person for card ${person.hsaId}: ${problems.join('; ')}`);
  return person;
}
