/**
 * The cards behind a real PKCS#11 module (Net iD's `libiidp11.so`, or another card library): every
 * certificate on every token, grouped by the HSA-ID in its subject. The card itself counts wrong
 * PINs and locks (CKR_PIN_LOCKED); nothing is kept on disk.
 */
import { Pkcs11Card, readCertificates, type SigningCard } from './pkcs11Card.js';
import { tokenFailure } from './cardError.js';
import { summariseCertificates, type CardSource, type CardSummary } from './cardSource.js';
import { listTokens, withPkcs11Module, type Pkcs11ModuleOptions } from './pkcs11Module.js';

/** Options for {@link ModuleCardSource}: the module, and optionally one token. */
export interface ModuleCardSourceOptions extends Pkcs11ModuleOptions {
  /** Only this token; default every token of the module (Net iD may show a card's two PINs as two tokens). */
  tokenLabel?: string;
  /** Default true; false when the module is a simulator (SoftHSM2 under test), so `wrongPin` mode is allowed. */
  realCards?: boolean;
}

/** Real cards reached through a PKCS#11 module. */
export class ModuleCardSource implements CardSource {
  readonly description: string;
  readonly realCards: boolean;

  constructor(private readonly options: ModuleCardSourceOptions) {
    this.realCards = options.realCards ?? true;
    this.description = `PKCS#11 module ${options.modulePath}${options.tokenLabel ? ` (token "${options.tokenLabel}")` : ''}`;
  }

  listCards(): CardSummary[] {
    try {
      return withPkcs11Module(this.options, (p) =>
        summariseCertificates(
          listTokens(p)
            .filter((t) => t.initialized && (this.options.tokenLabel === undefined || t.label === this.options.tokenLabel))
            .flatMap((t) => readCertificates(p, t)),
        ),
      );
    } catch (error) {
      throw tokenFailure('listing cards', this.options.modulePath, error);
    }
  }

  card(hsaId: string): SigningCard {
    return new Pkcs11Card({ ...this.options, hsaId });
  }
}
