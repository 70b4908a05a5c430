/**
 * The app's use of its card, recorded in the traffic journal as an exchange between the
 * `eid-app` party and its `siths-card`, addressed with an RFC 7512 PKCS#11 URI, so a session's
 * evidence shows every PIN attempt and signature (never the PIN).
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { CardError } from '../token/cardError.js';
import type { CertificateUsage } from '../token/cardCertificate.js';
import type { CardSignature } from '../token/pkcs11Card.js';
import { EID_APP_PARTY } from '../orders/jsonAnswers.js';

/** Party name of the card in the journal. */
export const CARD_PARTY = 'siths-card';

/** Runs one card operation and records it (outcome, CKR/PIN error, order reference). */
export function recordedSign(
  context: { journal?: TrafficJournal; clock: Clock; hsaId: string; orderRef: string; usage: CertificateUsage },
  sign: () => CardSignature,
): CardSignature {
  const startedAt = context.clock.now();
  const started = performance.now();
  const base = {
    side: 'outbound' as const,
    fromParty: EID_APP_PARTY,
    toParty: CARD_PARTY,
    operation: 'C_Sign CKM_SHA256_RSA_PKCS',
    method: 'PKCS11',
    url: `pkcs11:token=${encodeURIComponent(context.hsaId)};object=${context.usage === 'signature' ? 'sign' : 'auth'}`,
    startedAt,
    messageId: context.orderRef,
  };
  try {
    const result = sign();
    context.journal?.record({ ...base, durationMs: Math.round(performance.now() - started), outcome: 'ok', resultCode: 'CKR_OK', message: `${context.usage} signature by ${result.certificate.hsaId ?? context.hsaId}` });
    return result;
  } catch (error) {
    const code = error instanceof CardError ? error.code : 'tokenFailure';
    context.journal?.record({ ...base, durationMs: Math.round(performance.now() - started), outcome: 'error', errorId: code, message: (error as Error).message });
    throw error;
  }
}
