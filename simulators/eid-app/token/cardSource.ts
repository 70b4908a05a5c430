/**
 * Where the eID app's cards come from: simulated SoftHSM2 cards in a state folder, or the tokens
 * of a real card's PKCS#11 module. Both list cards by HSA-ID and hand out a {@link SigningCard}.
 */
import type { CardCertificate } from './cardCertificate.js';
import type { SigningCard } from './pkcs11Card.js';
import type { PinState } from './pinAttempts.js';

/** A card as listed: who it belongs to and what it carries. */
export interface CardSummary {
  hsaId: string;
  givenName?: string;
  surname?: string;
  personId?: string;
  /** Label of the token (SoftHSM2 cards: the HSA-ID). */
  tokenLabel: string;
  certificates: Array<Pick<CardCertificate, 'usage' | 'certificatePem' | 'keyId' | 'notAfter'>>;
  /** Wrong-PIN count, where the harness keeps it (SoftHSM2 cards); undefined for real cards. */
  pin?: PinState;
  /**
   * Set when the card is half-made and cannot be used (e.g. "no signature certificate"): a token
   * left by a crash during its creation. SoftHSM2 cards: delete it and create it again.
   */
  problem?: string;
}

/** A set of cards the eID app can use. */
export interface CardSource {
  /** For messages: "SoftHSM2 cards in …" or "PKCS#11 module …". */
  readonly description: string;
  /** True for real cards (a real PIN counter): the app then refuses modes that would lock them. */
  readonly realCards: boolean;
  listCards(): CardSummary[];
  /** The card of this HSA-ID (checked when it is used). */
  card(hsaId: string): SigningCard;
}

/** Groups certificates by the HSA-ID in their subject into card summaries. */
export function summariseCertificates(certificates: CardCertificate[], fallbackHsaId?: string): CardSummary[] {
  const cards = new Map<string, CardSummary>();
  for (const c of certificates) {
    const hsaId = c.hsaId ?? fallbackHsaId ?? c.tokenLabel;
    const card = cards.get(hsaId) ?? { hsaId, tokenLabel: c.tokenLabel, certificates: [] };
    card.givenName ??= c.givenName;
    card.surname ??= c.surname;
    card.certificates.push({ usage: c.usage, certificatePem: c.certificatePem, keyId: c.keyId, notAfter: c.notAfter });
    cards.set(hsaId, card);
  }
  for (const card of cards.values()) card.certificates.sort((a, b) => a.usage.localeCompare(b.usage));
  return [...cards.values()].sort((a, b) => a.hsaId.localeCompare(b.hsaId));
}
