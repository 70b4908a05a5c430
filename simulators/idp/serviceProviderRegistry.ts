/** The service providers an IdP serves, from their metadata (Webcert, the signing service, …). */
import { parseMetadata, type EntityMetadata } from '../kit/saml/metadataParser.js';

/** Registered SPs by entityID. */
export class ServiceProviderRegistry {
  private readonly byEntityId = new Map<string, EntityMetadata>();

  constructor(serviceProviders: (string | EntityMetadata)[] = []) {
    for (const sp of serviceProviders) this.add(sp);
  }

  /**
   * Registers (or replaces) an SP from its metadata XML or parsed metadata.
   * @throws Error when the metadata has no SPSSODescriptor.
   */
  add(metadata: string | EntityMetadata): EntityMetadata {
    const parsed = typeof metadata === 'string' ? parseMetadata(metadata) : metadata;
    if (!parsed.sp) throw new Error(`metadata of ${parsed.entityId} has no SPSSODescriptor; only service providers can be registered at the IdP`);
    this.byEntityId.set(parsed.entityId, parsed);
    return parsed;
  }

  get(entityId: string): EntityMetadata | undefined {
    return this.byEntityId.get(entityId);
  }

  remove(entityId: string): boolean {
    return this.byEntityId.delete(entityId);
  }

  list(): EntityMetadata[] {
    return [...this.byEntityId.values()];
  }
}
