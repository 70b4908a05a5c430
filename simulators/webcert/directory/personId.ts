/**
 * Webcert checks person ids as every party does; the check lives in the kit
 * (simulators/kit/contracts/personId.ts) so that recipients use the same one.
 */
export { checkPersonId, luhnCheckDigit, type PersonIdCheck, type PersonIdKind } from '../../kit/contracts/personId.js';
