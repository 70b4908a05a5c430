/**
 * The requesters (DSS clients such as Webcert) the service serves, keyed by the entityID they put
 * in `csig:SignRequester`. Like Sweden Connect's per-client "trusted-certificates", a request is
 * processed only when its signature verifies with one of the registered requester's certificates.
 * Registered from the requester's SAML metadata (signing KeyDescriptors; AssertionConsumerService
 * locations become the allowed response URLs) or from a certificate.
 */
import { parseMetadata } from '../../kit/saml/metadataParser.js';
import { toCertificatePem } from '../../kit/pki/pem.js';
import { reasonOf } from '../dss/dssProblems.js';

/** A requester as the topology registers it. */
export interface TrustedRequesterConfig {
  /** The requester's entityID, as in `csig:SignRequester` (Webcert: `{host}/api/signature/signservice/v1/metadata`). */
  entityId: string;
  /** The requester's SAML metadata (Webcert serves it at its entityID URL). */
  metadataXml?: string;
  /** The requester's signing certificate(s), PEM or base64 DER, when no metadata is given. */
  certificatePem?: string | string[];
  /**
   * Where SignResponses to this requester may be posted (the request's Audience must be one).
   * Default: the metadata's AssertionConsumerService locations; with only a certificate, any URL.
   */
  responseUrls?: string[];
}

/** A registered requester, ready for checks. */
export interface TrustedRequester {
  entityId: string;
  certificatesPem: string[];
  /** Allowed Audience values; undefined means any. */
  responseUrls?: string[];
}

/** The requester registry of one service. */
export class TrustedRequesters {
  private readonly byEntityId = new Map<string, TrustedRequester>();

  constructor(configs: TrustedRequesterConfig[] = []) {
    for (const c of configs) this.add(c);
  }

  /**
   * Registers (or replaces) a requester.
   * @throws Error when neither metadata nor certificate is given, the metadata is unreadable or
   *   names another entity, or it has no SP signing certificate.
   */
  add(config: TrustedRequesterConfig): TrustedRequester {
    if (!config.entityId) throw new Error('trusted requester needs an entityId (the value it sends in csig:SignRequester)');
    const certificatesPem: string[] = [];
    let responseUrls = config.responseUrls;
    if (config.metadataXml) {
      let md;
      try {
        md = parseMetadata(config.metadataXml);
      } catch (error) {
        throw new Error(`metadata of requester ${config.entityId} cannot be read: ${reasonOf(error)}`);
      }
      if (md.entityId !== config.entityId) {
        throw new Error(`metadata given for requester ${config.entityId} is for entity ${md.entityId}; pass that requester's own metadata`);
      }
      if (!md.sp) throw new Error(`metadata of requester ${config.entityId} has no SPSSODescriptor; a DSS requester publishes one (Webcert does)`);
      certificatesPem.push(...md.sp.signingCertificatesPem);
      responseUrls ??= md.sp.assertionConsumerServices.map((a) => a.location);
    }
    const given = config.certificatePem === undefined ? [] : Array.isArray(config.certificatePem) ? config.certificatePem : [config.certificatePem];
    certificatesPem.push(...given.map((c) => toCertificatePem(c)));
    if (certificatesPem.length === 0) {
      throw new Error(`requester ${config.entityId} has no signing certificate: give metadataXml with a signing KeyDescriptor, or certificatePem`);
    }
    const requester: TrustedRequester = { entityId: config.entityId, certificatesPem, responseUrls };
    this.byEntityId.set(config.entityId, requester);
    return requester;
  }

  /** The requester registered under `entityId`, if any. */
  get(entityId: string): TrustedRequester | undefined {
    return this.byEntityId.get(entityId);
  }

  /** EntityIDs of every registered requester. */
  entityIds(): string[] {
    return [...this.byEntityId.keys()];
  }
}
