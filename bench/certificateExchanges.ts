/**
 * What one certificate of the month's replay (`samverkan load`) sends over loopback HTTP: how many
 * exchanges of each kind, how big their bodies are, and how many sides of each the traffic journal
 * stores. The replay floor bench (`replayFloorBench.ts`) sends exactly this over bare node:http.
 *
 * Sources (docs/decisions/0049-the-months-floor.md):
 * - the RIV-TA SOAP exchanges: counts and average body sizes from a replay's traffic journal
 *   (`exchange` table) of 6,183 certificates; both parties are simulators, so the caller journals the
 *   outbound side and the receiver the inbound side (two rows), except CreateDraftCertificate,
 *   which the driver sends (one row, inbound at Webcert);
 * - the driver's own REST calls: counts from the plan of the whole month 2022-05 (206,532 drafts,
 *   198,592 certificates issued: 268,163 saves, 198,581 signings, 156,662 sends, 7,604 deleted
 *   drafts, 1,775 revocations), per issued certificate; signing goes to Webcert's web API and is
 *   journalled (inbound), the others go to the admin API and are not; sizes from a replay's journal
 *   (signing) and from Webcert's stored certificate JSON (the admin API's answer).
 */

/** One kind of exchange a certificate makes. */
export interface ExchangeKind {
  operation: string;
  /** Exchanges of this kind per issued certificate of the month (deleted drafts folded in). */
  perCertificate: number;
  requestBytes: number;
  answerBytes: number;
  contentType: 'text/xml; charset=utf-8' | 'application/json';
  /** Rows the traffic journal stores of one exchange: 2 (both sides), 1 (inbound only) or 0. */
  journalRows: 0 | 1 | 2;
}

const XML = 'text/xml; charset=utf-8' as const;
const JSON_TYPE = 'application/json' as const;
const SOAP_SAMPLE = 6_183;
const MONTH_ISSUED = 198_592;

/** A certificate's exchanges in the replay, kind by kind. */
export const CERTIFICATE_EXCHANGES: readonly ExchangeKind[] = [
  { operation: 'CertificateStatusUpdateForCare', perCertificate: 25_273 / SOAP_SAMPLE, requestBytes: 3_566, answerBytes: 576, contentType: XML, journalRows: 2 },
  { operation: 'RegisterCertificate', perCertificate: 10_972 / SOAP_SAMPLE, requestBytes: 6_320, answerBytes: 532, contentType: XML, journalRows: 2 },
  { operation: 'SendCertificateToRecipient', perCertificate: 5_007 / SOAP_SAMPLE, requestBytes: 2_117, answerBytes: 560, contentType: XML, journalRows: 2 },
  { operation: 'CreateDraftCertificate', perCertificate: 6_183 / SOAP_SAMPLE, requestBytes: 1_502, answerBytes: 856, contentType: XML, journalRows: 1 },
  { operation: 'RevokeCertificate', perCertificate: 84 / SOAP_SAMPLE, requestBytes: 1_970, answerBytes: 524, contentType: XML, journalRows: 2 },
  { operation: 'POST /api/certificate/{id}/sign', perCertificate: 198_581 / MONTH_ISSUED, requestBytes: 2, answerBytes: 19, contentType: JSON_TYPE, journalRows: 1 },
  { operation: 'admin save', perCertificate: 268_163 / MONTH_ISSUED, requestBytes: 330, answerBytes: 1_700, contentType: JSON_TYPE, journalRows: 0 },
  { operation: 'admin send', perCertificate: 156_662 / MONTH_ISSUED, requestBytes: 40, answerBytes: 600, contentType: JSON_TYPE, journalRows: 0 },
  { operation: 'admin delete', perCertificate: 7_604 / MONTH_ISSUED, requestBytes: 40, answerBytes: 1_500, contentType: JSON_TYPE, journalRows: 0 },
  { operation: 'admin revoke', perCertificate: 1_775 / MONTH_ISSUED, requestBytes: 70, answerBytes: 600, contentType: JSON_TYPE, journalRows: 0 },
];

/** Exchanges and journal rows per certificate, summed over the kinds. */
export function perCertificate(kinds: readonly ExchangeKind[] = CERTIFICATE_EXCHANGES): { exchanges: number; journalRows: number; bytes: number } {
  let exchanges = 0;
  let journalRows = 0;
  let bytes = 0;
  for (const k of kinds) {
    exchanges += k.perCertificate;
    journalRows += k.perCertificate * k.journalRows;
    bytes += k.perCertificate * (k.requestBytes + k.answerBytes);
  }
  return { exchanges, journalRows, bytes };
}

/**
 * The exchanges of `certificates` certificates in one order: each kind `round(perCertificate ×
 * certificates)` times, spread evenly over the run (kind by kind at evenly spaced positions), so
 * any stretch of the run has about the replay's mix.
 */
export function exchangeSequence(certificates: number, kinds: readonly ExchangeKind[] = CERTIFICATE_EXCHANGES): ExchangeKind[] {
  const placed: Array<{ at: number; kind: ExchangeKind }> = [];
  for (const kind of kinds) {
    const n = Math.round(kind.perCertificate * certificates);
    for (let i = 0; i < n; i++) placed.push({ at: (i + 0.5) / n, kind });
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.kind);
}
