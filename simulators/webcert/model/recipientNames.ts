/**
 * What Webcert calls each recipient (KV part code) in its UI: "Skicka till Försäkringskassan",
 * "Intyget är skickat till Skatteverket". Names as Intygstjänsten's recipients file has them.
 */
export const RECIPIENT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  FKASSA: 'Försäkringskassan',
  TRANSP: 'Transportstyrelsen',
  SKV: 'Skatteverket',
  SOS: 'Socialstyrelsen',
  AF: 'Arbetsförmedlingen',
});

/** The recipient's name, or its code when the simulator has no name for it. */
export function recipientName(code: string): string {
  return RECIPIENT_NAMES[code] ?? code;
}
