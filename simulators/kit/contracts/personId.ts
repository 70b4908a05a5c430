/**
 * Swedish personal identity numbers as Webcert (and Skatteverket) check them: personnummer and samordningsnummer
 * (day + 60), 12 digits with or without a dash, with a valid Luhn check digit.
 */

export type PersonIdKind = 'personnummer' | 'samordningsnummer';

export interface PersonIdCheck {
  valid: boolean;
  /** 12 digits without dash, when the format was right. */
  normalised?: string;
  kind?: PersonIdKind;
  /** What is wrong, in words for a ResultType text. */
  problem?: string;
}

/** Luhn check digit over the 9 digits yymmddnnn. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Checks a personnummer or samordningsnummer (`yyyymmddnnnc` or `yyyymmdd-nnnc`). */
export function checkPersonId(value: string): PersonIdCheck {
  const text = value.trim();
  const m = /^(\d{8})-?(\d{4})$/.exec(text);
  if (!m) {
    return { valid: false, problem: `person id "${value}" is not 12 digits (yyyymmddnnnc, dash allowed before the last four)` };
  }
  const digits = `${m[1]}${m[2]}`;
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  const kind: PersonIdKind = day > 60 ? 'samordningsnummer' : 'personnummer';
  const realDay = kind === 'samordningsnummer' ? day - 60 : day;
  const year = Number(digits.slice(0, 4));
  const calendar = new Date(Date.UTC(year, month - 1, realDay));
  if (month < 1 || month > 12 || realDay < 1 || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== realDay) {
    return { valid: false, normalised: digits, kind, problem: `person id ${digits} has no valid date (month ${month}, day ${day})` };
  }
  const expected = luhnCheckDigit(digits.slice(2, 11));
  if (expected !== Number(digits[11])) {
    return { valid: false, normalised: digits, kind, problem: `person id ${digits} has a wrong check digit (${digits[11]}; the Luhn digit is ${expected})` };
  }
  return { valid: true, normalised: digits, kind };
}
