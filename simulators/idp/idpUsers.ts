/** The people the IdP knows (its stand-in for HSA): HSA-ID, names, personnummer, reserve card. */
import type { PersonIdentity } from '../kit/pki/testPki.js';

/** A user of the simulated IdP. */
export interface IdpUser extends PersonIdentity {
  /** Logs in with a reserve card ("reservkort"): LoA 2 instead of 3. */
  reserveCard?: boolean;
}

/** What to do with a card whose HSA-ID is not in the user list. */
export type UnknownUserPolicy =
  /** Answer UnknownPrincipal (default; like an HSA lookup that finds nobody). */
  | 'refuse'
  /** Take the names from the certificate (useful with real cards in a samverkanstest). */
  | 'from-certificate';

/** Users by HSA-ID (compared without regard to case). */
export class IdpUserDirectory {
  private readonly byHsaId = new Map<string, IdpUser>();

  constructor(users: IdpUser[], readonly unknownUsers: UnknownUserPolicy = 'refuse') {
    for (const u of users) this.add(u);
  }

  /** Adds or replaces a user. */
  add(user: IdpUser): void {
    if (!user.hsaId || !user.givenName || !user.surname) {
      throw new Error(`IdP user ${JSON.stringify(user)} needs hsaId, givenName and surname`);
    }
    this.byHsaId.set(user.hsaId.toUpperCase(), { ...user });
  }

  find(hsaId: string): IdpUser | undefined {
    return this.byHsaId.get(hsaId.toUpperCase());
  }

  list(): IdpUser[] {
    return [...this.byHsaId.values()];
  }

  /**
   * The user behind a certificate's HSA-ID, or, with policy `from-certificate`, one made from the
   * certificate's names; undefined when unknown and refused.
   */
  resolve(hsaId: string, fromCertificate: { givenName?: string; surname?: string }): IdpUser | undefined {
    const known = this.find(hsaId);
    if (known) return known;
    if (this.unknownUsers === 'from-certificate' && fromCertificate.givenName && fromCertificate.surname) {
      return { hsaId, givenName: fromCertificate.givenName, surname: fromCertificate.surname };
    }
    return undefined;
  }
}
