/**
 * The identity providers the service sends signers to. A SignRequest names one in
 * `csig:IdentityProvider`; Webcert puts there either an IdP entityID or, as Inera does, a sign-time
 * SSO endpoint such as `https://idp.ineratest.org:443/saml/sign/sithseid-same-device`. Both are
 * resolved here: an entityID → its first SSO endpoint (HTTP-Redirect preferred); an SSO location
 * listed in some IdP's metadata → that IdP, authenticating at exactly that endpoint.
 */
import { parseMetadata } from '../../kit/saml/metadataParser.js';
import { BINDINGS } from '../../kit/saml/samlConstants.js';
import { toCertificatePem } from '../../kit/pki/pem.js';
import { reasonOf } from '../dss/dssProblems.js';

/** An IdP as the topology registers it: by metadata, or by hand. */
export type IdentityProviderConfig =
  | { metadataXml: string }
  | { entityId: string; ssoUrl: string; certificatePem: string | string[]; binding?: 'redirect' | 'post'; otherSsoUrls?: string[] };

/** Where and how to send one signer, and whom to trust for the answer. */
export interface ResolvedIdentityProvider {
  /** The IdP's entityID (the Response's Issuer). */
  entityId: string;
  ssoUrl: string;
  binding: 'redirect' | 'post';
  signingCertificatesPem: string[];
}

interface Known {
  entityId: string;
  endpoints: { location: string; binding: 'redirect' | 'post' }[];
  signingCertificatesPem: string[];
}

/** `https://h:443/p` and `https://h/p` are the same endpoint; so are trailing-slash variants. */
export function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.protocol}//${url.hostname.toLowerCase()}${url.port ? `:${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}${url.search}`;
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}

/** The IdP registry of one service. */
export class IdentityProviders {
  private readonly known: Known[] = [];

  constructor(configs: IdentityProviderConfig[] = []) {
    for (const c of configs) this.add(c);
  }

  /**
   * Registers (or replaces, by entityID) an IdP.
   * @throws Error when the metadata is unreadable, is not an IdP's, or has no usable SSO endpoint
   *   or signing certificate.
   */
  add(config: IdentityProviderConfig): void {
    const known = 'metadataXml' in config ? fromMetadata(config.metadataXml) : byHand(config);
    const at = this.known.findIndex((k) => k.entityId === known.entityId);
    if (at >= 0) this.known.splice(at, 1, known);
    else this.known.push(known);
  }

  /** Resolves a `csig:IdentityProvider` value, or undefined when no registered IdP matches. */
  resolve(identityProvider: string): ResolvedIdentityProvider | undefined {
    for (const k of this.known) {
      if (k.entityId === identityProvider) {
        const endpoint = k.endpoints.find((e) => e.binding === 'redirect') ?? k.endpoints[0];
        if (endpoint) return { entityId: k.entityId, ssoUrl: endpoint.location, binding: endpoint.binding, signingCertificatesPem: k.signingCertificatesPem };
      }
    }
    for (const k of this.known) {
      const matches = k.endpoints.filter((e) => sameUrl(e.location, identityProvider));
      const endpoint = matches.find((e) => e.binding === 'redirect') ?? matches[0];
      if (endpoint) return { entityId: k.entityId, ssoUrl: endpoint.location, binding: endpoint.binding, signingCertificatesPem: k.signingCertificatesPem };
    }
    return undefined;
  }

  /** EntityIDs and SSO locations of every registered IdP (for error messages). */
  describe(): string {
    return this.known.map((k) => `${k.entityId} (${k.endpoints.map((e) => e.location).join(', ')})`).join('; ') || '(none registered)';
  }
}

function fromMetadata(xml: string): Known {
  let md;
  try {
    md = parseMetadata(xml);
  } catch (error) {
    throw new Error(`identity provider metadata cannot be read: ${reasonOf(error)}`);
  }
  if (!md.idp) throw new Error(`metadata of ${md.entityId} has no IDPSSODescriptor; give the IdP's metadata`);
  const endpoints = md.idp.singleSignOnServices
    .filter((e) => e.binding === BINDINGS.redirect || e.binding === BINDINGS.post)
    .map((e) => ({ location: e.location, binding: e.binding === BINDINGS.redirect ? ('redirect' as const) : ('post' as const) }));
  if (endpoints.length === 0) throw new Error(`IdP ${md.entityId} lists no SingleSignOnService with HTTP-Redirect or HTTP-POST binding`);
  if (md.idp.signingCertificatesPem.length === 0) throw new Error(`IdP ${md.entityId} has no signing certificate in its metadata; its Responses could not be checked`);
  return { entityId: md.entityId, endpoints, signingCertificatesPem: md.idp.signingCertificatesPem };
}

function byHand(c: Extract<IdentityProviderConfig, { entityId: string }>): Known {
  if (!c.entityId || !c.ssoUrl) throw new Error('identity provider needs entityId and ssoUrl (or metadataXml)');
  const certs = Array.isArray(c.certificatePem) ? c.certificatePem : [c.certificatePem];
  if (certs.length === 0 || !certs[0]) throw new Error(`identity provider ${c.entityId} needs certificatePem (its response-signing certificate)`);
  const binding = c.binding ?? 'redirect';
  return {
    entityId: c.entityId,
    endpoints: [c.ssoUrl, ...(c.otherSsoUrls ?? [])].map((location) => ({ location, binding })),
    signingCertificatesPem: certs.map((p) => toCertificatePem(p)),
  };
}
