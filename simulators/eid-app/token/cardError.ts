/**
 * Errors of the card layer: one class with a stable code, so the eID app can turn them into
 * hint codes and the CLI into exit messages, and a message that says what failed, why, and what
 * to do.
 */

/** What went wrong with a card or its PKCS#11 module. */
export type CardErrorCode =
  /** The PKCS#11 library (or SoftHSM2 itself) is not installed or cannot be loaded. */
  | 'moduleMissing'
  /** No token or certificate for the HSA-ID / token label asked for. */
  | 'cardNotFound'
  /** `createCard` for an HSA-ID that already has a token. */
  | 'cardExists'
  /** The card said CKR_PIN_INCORRECT; attempts are left. */
  | 'pinIncorrect'
  /** The card is locked (CKR_PIN_LOCKED, or three wrong PINs in a row on a SoftHSM2 card). */
  | 'pinLocked'
  /** The card has no certificate (or no private key) with the usage asked for. */
  | 'noCertificate'
  /** An argument was rejected before the card was touched (HSA-ID, PIN, label). */
  | 'invalidInput'
  /** Any other PKCS#11 failure (the message carries the CKR_ name). */
  | 'tokenFailure';

/** A card-layer failure with a {@link CardErrorCode}. */
export class CardError extends Error {
  override readonly name = 'CardError';

  constructor(
    readonly code: CardErrorCode,
    message: string,
    /** For `pinIncorrect`: PIN attempts left before the card locks, when known. */
    readonly attemptsLeft?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The `CKR_…` name of a pkcs11js error (for example `CKR_PIN_INCORRECT`), if it is one. */
export function ckrName(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  return /\b(CKR_[A-Z0-9_]+)/.exec(error.message)?.[1];
}

/** Wraps an unexpected PKCS#11 failure as a `tokenFailure` that names the step and the module. */
export function tokenFailure(step: string, modulePath: string, error: unknown): CardError {
  if (error instanceof CardError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CardError(
    'tokenFailure',
    `PKCS#11 ${step} failed in ${modulePath}: ${detail}. Check that the card (token) is present and the module is the card's own library.`,
    undefined,
    { cause: error },
  );
}
