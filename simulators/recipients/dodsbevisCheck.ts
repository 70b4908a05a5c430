/**
 * What Skatteverket checks in a dödsbevis (DB) before registering a death: the legal content of a
 * dödsbevis (13 § begravningsförordningen, protocols.md §5) in the answer ids of the DB module
 * (sklintyg/common RespConstants): who died (a personnummer or samordningsnummer with a valid
 * check digit, and how the identity was established), when (a date, or an approximate date and
 * the date the person was found dead), where (municipality and kind of place), and whether an
 * external examination was made or a forensic one is needed (then the police must be told).
 */
import { delsvarOf, type IntygReading } from '../kit/contracts/intygReading.js';
import { PERSONNUMMER_OID, SAMORDNINGSNUMMER_OID } from '../kit/contracts/codeSystems.js';
import { checkPersonId } from '../kit/contracts/personId.js';

const PLACE_KINDS = ['SJUKHUS', 'ORDINART_BOENDE', 'SARSKILT_BOENDE', 'ANNAN'];
const EXAMINATIONS = ['UNDERSOKNING_GJORT', 'UNDERSOKNING_SKA_GORAS'];

/** Today's date in Stockholm, `YYYY-MM-DD`. */
function stockholmDate(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `YYYY-MM-DD`, `YYYY-MM-00` or `YYYY-00-00`: the approximate dates a DB may carry. */
function isApproximateDate(s: string): boolean {
  return isCalendarDate(s) || /^\d{4}-(0[1-9]|1[0-2])-00$/.test(s) || /^\d{4}-00-00$/.test(s);
}

/** The birth date in a personnummer or samordningsnummer (day − 60). */
function birthDate(personId: string): string {
  const day = Number(personId.slice(6, 8));
  return `${personId.slice(0, 4)}-${personId.slice(4, 6)}-${String(day > 60 ? day - 60 : day).padStart(2, '0')}`;
}

const bool = (v: string | undefined) => (v === 'true' || v === 'false' ? v === 'true' : undefined);

/** Every problem Skatteverket finds in a DB, one sentence each; empty when it can be registered. */
export function checkDodsbevis(reading: IntygReading, now: number): string[] {
  const problems: string[] = [];
  const text = (id: string) => delsvarOf(reading, id)?.text || undefined;
  const today = stockholmDate(now);

  const pid = checkPersonId(reading.patient.personId);
  if (!pid.valid) {
    problems.push(`patient/person-id ${reading.patient.personId}: ${pid.problem}; a death is registered against a valid personnummer or samordningsnummer`);
  } else {
    const root = pid.kind === 'samordningsnummer' ? SAMORDNINGSNUMMER_OID : PERSONNUMMER_OID;
    if (reading.patient.personIdRoot !== root) {
      problems.push(`patient/person-id ${reading.patient.personId} is a ${pid.kind} but its root is ${reading.patient.personIdRoot}; use ${root}`);
    }
  }
  if (!text('1.1')) problems.push('how the identity was established (svar 1, delsvar 1.1) is missing');

  const certain = bool(text('2.1'));
  const dateOfDeath = text('2.2');
  const foundDead = text('2.3');
  if (certain === undefined) {
    problems.push('whether the date of death is certain (delsvar 2.1, true or false) is missing');
  } else if (!dateOfDeath) {
    problems.push(
      certain
        ? 'the date of death (delsvar 2.2) is missing; a dödsbevis must say when the person died'
        : 'the approximate date of death (delsvar 2.2, YYYY-MM-00 or YYYY-00-00) is missing',
    );
  } else if (certain && !isCalendarDate(dateOfDeath)) {
    problems.push(`the date of death ${dateOfDeath} (delsvar 2.2) is not a date YYYY-MM-DD; when the date is not certain, say so in delsvar 2.1`);
  } else if (!certain && !isApproximateDate(dateOfDeath)) {
    problems.push(`the approximate date of death ${dateOfDeath} (delsvar 2.2) must be YYYY-MM-DD, YYYY-MM-00 or YYYY-00-00`);
  } else if (dateOfDeath > today) {
    problems.push(`the date of death ${dateOfDeath} (delsvar 2.2) is after today (${today})`);
  } else if (pid.valid && isCalendarDate(dateOfDeath) && dateOfDeath < birthDate(reading.patient.personId)) {
    problems.push(`the date of death ${dateOfDeath} (delsvar 2.2) is before the person was born`);
  }
  if (certain === false) {
    if (!foundDead) problems.push('the date the person was found dead (delsvar 2.3) is missing; it is required when the date of death is not certain');
    else if (!isCalendarDate(foundDead) || foundDead > today) problems.push(`the date found dead ${foundDead} (delsvar 2.3) must be a date YYYY-MM-DD, today or earlier`);
  } else if (certain && foundDead) {
    problems.push('a date found dead (delsvar 2.3) is only given when the date of death is not certain');
  }

  if (!text('3.1')) problems.push('the municipality where the person died (delsvar 3.1) is missing');
  const place = delsvarOf(reading, '3.2')?.cv?.code;
  if (!place) problems.push(`the kind of place of death (delsvar 3.2, one of ${PLACE_KINDS.join(', ')}) is missing`);
  else if (!PLACE_KINDS.includes(place)) problems.push(`the kind of place of death ${place} (delsvar 3.2) is not one of ${PLACE_KINDS.join(', ')}`);

  const examined = bool(text('6.1'));
  const examination = delsvarOf(reading, '6.2')?.cv?.code;
  if (examined === undefined && !examination) {
    problems.push('whether an external examination was made (delsvar 6.1) or a forensic examination is needed (delsvar 6.2) is missing');
  } else if (examination && !EXAMINATIONS.includes(examination)) {
    problems.push(`the examination ${examination} (delsvar 6.2) is not one of ${EXAMINATIONS.join(', ')}`);
  } else if (examination === 'UNDERSOKNING_GJORT' && !text('6.3')) {
    problems.push('the date of the examination shortly before death (delsvar 6.3) is missing');
  }
  const police = bool(text('7.1'));
  if (police === undefined) problems.push('whether the police have been notified (delsvar 7.1, true or false) is missing');
  else if (examination === 'UNDERSOKNING_SKA_GORAS' && !police) {
    problems.push('a forensic examination is needed (delsvar 6.2) but the police have not been notified (delsvar 7.1 is false); the police notify Skatteverket in that case');
  }
  return problems;
}
