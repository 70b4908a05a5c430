/**
 * A card behind any PKCS#11 module: SoftHSM2 for simulated cards, Net iD's `libiidp11.so` or
 * another card library for a real SITHS card in a real session. It finds the certificate with the
 * wanted usage, logs in with the PIN and signs with that certificate's private key
 * (CKM_SHA256_RSA_PKCS) on the card; no private key ever leaves it.
 */
import { CardError, tokenFailure } from './cardError.js';
import { readCardCertificate, type CardCertificate, type CertificateUsage } from './cardCertificate.js';
import type { PinAttemptCounter, PinState } from './pinAttempts.js';
import { findObjects, listTokens, loginUser, pkcs11js, withPkcs11Module, withSession, type Pkcs11, type Pkcs11ModuleOptions, type TokenSlot } from './pkcs11Module.js';

/** Which card (token) of a module, and how wrong PINs are counted. */
export interface Pkcs11CardOptions extends Pkcs11ModuleOptions {
  /** Only the token with this label (a SoftHSM2 card: its HSA-ID). Default: every token of the module. */
  tokenLabel?: string;
  /** Only the slot with this id (as `pkcs11-tool -L` prints it). */
  slotId?: number;
  /** Only certificates whose subject serialNumber is this HSA-ID. */
  hsaId?: string;
  /** A wrong-PIN counter for modules that never lock by themselves (SoftHSM2); real cards need none. */
  pinAttempts?: PinAttemptCounter;
}

/** What one signature on the card produced. */
export interface CardSignature {
  /** RSA PKCS#1 v1.5 signature over SHA-256 of the data. */
  signature: Buffer;
  /** The certificate whose private key signed. */
  certificate: CardCertificate;
}

/** What the eID app asks of a card. */
export interface SigningCard {
  /** Human-readable name for messages ("SoftHSM2 card SE…", "token X in /usr/lib/libiidp11.so"). */
  readonly description: string;
  /** Certificates on the card whose usage can be told (public objects; no PIN needed). */
  certificates(): CardCertificate[];
  /**
   * Signs `data` with the key of the certificate that has `usage`, after logging in with `pin`.
   * @throws {CardError} `pinIncorrect` (with attemptsLeft when known), `pinLocked`, `noCertificate`,
   *   `cardNotFound`, `moduleMissing` or `tokenFailure`.
   */
  sign(request: { usage: CertificateUsage; data: Buffer; pin: string }): CardSignature;
  /** The wrong-PIN count, where this layer keeps it. */
  pinState(): PinState | undefined;
}

const slotNumber = (slot: Buffer): number => (slot.length >= 8 ? Number(slot.readBigUInt64LE()) : slot.readUInt32LE());

/** A card reached through a PKCS#11 module. */
export class Pkcs11Card implements SigningCard {
  readonly description: string;

  constructor(private readonly options: Pkcs11CardOptions) {
    const which = options.tokenLabel ? `token "${options.tokenLabel}"` : options.slotId !== undefined ? `slot ${options.slotId}` : 'any token';
    this.description = `${options.hsaId ? `card ${options.hsaId} (${which})` : which} in ${options.modulePath}`;
  }

  certificates(): CardCertificate[] {
    return this.run('reading certificates', (p) => this.tokens(p).flatMap((token) => readCertificates(p, token))).filter(
      (c) => this.options.hsaId === undefined || c.hsaId === this.options.hsaId,
    );
  }

  pinState(): PinState | undefined {
    return this.options.pinAttempts?.state();
  }

  sign(request: { usage: CertificateUsage; data: Buffer; pin: string }): CardSignature {
    this.options.pinAttempts?.assertUnlocked(this.description);
    return this.run('signing', (p) => {
      const tokens = this.tokens(p);
      for (const token of tokens) {
        const certificate = readCertificates(p, token).find(
          (c) => c.usage === request.usage && (this.options.hsaId === undefined || c.hsaId === this.options.hsaId),
        );
        if (!certificate) continue;
        const signature = withSession(p, token.slot, { readWrite: false }, (session) => {
          this.login(p, session, token, request.pin);
          const [key] = findObjects(p, session, [
            { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
            { type: pkcs11js.CKA_ID, value: Buffer.from(certificate.keyId, 'hex') },
          ]);
          if (!key) throw new CardError('noCertificate', `${this.description} has the ${request.usage} certificate but no private key with CKA_ID ${certificate.keyId}; the card is incomplete.`);
          p.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return Buffer.from(p.C_Sign(session, request.data, Buffer.alloc(1024)));
        });
        return { signature, certificate };
      }
      throw new CardError(
        tokens.length === 0 ? 'cardNotFound' : 'noCertificate',
        tokens.length === 0
          ? `${this.description}: no such card is present. Insert the card, or check the token label.`
          : `${this.description} has no ${request.usage} certificate${this.options.hsaId ? ` for ${this.options.hsaId}` : ''}; it needs one with KeyUsage ${request.usage === 'signature' ? 'nonRepudiation' : 'digitalSignature'}.`,
      );
    });
  }

  /** Logs in; a wrong PIN is counted here (SoftHSM2) or read from the token's flags (real cards). */
  private login(p: Pkcs11, session: Buffer, token: TokenSlot, pin: string): void {
    try {
      loginUser(p, session, pin, this.description);
      this.options.pinAttempts?.succeeded();
    } catch (error) {
      if (!(error instanceof CardError) || error.code !== 'pinIncorrect') throw error;
      const counter = this.options.pinAttempts;
      if (counter) {
        const left = counter.failed();
        if (left === 0) throw new CardError('pinLocked', `wrong PIN for ${this.description}; that was the last attempt and the card is now locked.`);
        throw new CardError('pinIncorrect', `wrong PIN for ${this.description}; ${left} attempt(s) left before the card locks.`, left);
      }
      const flags = p.C_GetTokenInfo(token.slot).flags;
      if (flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new CardError('pinLocked', `wrong PIN for ${this.description}; the card is now locked (CKF_USER_PIN_LOCKED).`);
      const left = flags & pkcs11js.CKF_USER_PIN_FINAL_TRY ? 1 : undefined;
      throw new CardError('pinIncorrect', `wrong PIN for ${this.description}${left ? '; one attempt left before the card locks' : ''}.`, left);
    }
  }

  private tokens(p: Pkcs11): TokenSlot[] {
    return listTokens(p).filter(
      (t) =>
        t.initialized &&
        (this.options.tokenLabel === undefined || t.label === this.options.tokenLabel) &&
        (this.options.slotId === undefined || slotNumber(t.slot) === this.options.slotId),
    );
  }

  private run<T>(step: string, work: (p: Pkcs11) => T): T {
    try {
      return withPkcs11Module(this.options, work);
    } catch (error) {
      throw tokenFailure(`${step} on ${this.description}`, this.options.modulePath, error);
    }
  }
}

/** Every X.509 certificate object on a token whose usage can be told. */
export function readCertificates(p: Pkcs11, token: TokenSlot): CardCertificate[] {
  return withSession(p, token.slot, { readWrite: false }, (session) =>
    findObjects(p, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    ]).flatMap((handle) => {
      const [value, id, label] = p.C_GetAttributeValue(session, handle, [
        { type: pkcs11js.CKA_VALUE },
        { type: pkcs11js.CKA_ID },
        { type: pkcs11js.CKA_LABEL },
      ]);
      if (!Buffer.isBuffer(value?.value)) return [];
      const keyId = Buffer.isBuffer(id?.value) ? id.value : Buffer.alloc(0);
      const objectLabel = Buffer.isBuffer(label?.value) ? label.value.toString('utf8') : String(label?.value ?? '');
      try {
        const certificate = readCardCertificate(value.value, { tokenLabel: token.label, keyId, objectLabel });
        return certificate ? [certificate] : [];
      } catch {
        return []; // not a certificate this app can read; a real card may carry others
      }
    }),
  );
}
