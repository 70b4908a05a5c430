/** How form values are written in messages: diagnosis codes, decimal numbers. */

/** ICD-10-SE (Diagnoskodverk.ICD_10_SE). */
export const ICD_10_SE = '1.2.752.116.1.1.1.1.3';

/** An ICD-10-SE code as Webcert stores it (upper case, no dot), or undefined when malformed. */
export function normaliseDiagnosisCode(value: string | undefined): string | undefined {
  const code = (value ?? '').toUpperCase().replace(/[.\s]/g, '');
  return /^[A-Z]\d{2}[0-9A-Z]{0,3}$/.test(code) ? code : undefined;
}

/** Java's Double.toString for the numbers forms hold (0.8 → "0.8", 1 → "1.0"). */
export function javaDouble(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** A decimal number as typed (comma or point), or undefined. */
export function parseDecimal(value: string | undefined): number | undefined {
  const text = (value ?? '').trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}
