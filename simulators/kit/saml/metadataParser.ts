/** Reading SAML metadata: entityID, endpoints, signing certificates and SP attribute needs. */
import type { Element } from '@xmldom/xmldom';
import { toCertificatePem } from '../pki/pem.js';
import { childElement, childElements } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { ENTITY_CATEGORY_ATTRIBUTE, NS } from './samlConstants.js';
import { SamlError } from './samlError.js';
import type { AttributeConsumingService } from './metadataBuilder.js';
import { inputExcerpt } from '../text/inputExcerpt.js';

export interface ParsedEndpoint {
  binding: string;
  location: string;
  index?: number;
  isDefault?: boolean;
}

export interface IdpDescriptor {
  singleSignOnServices: ParsedEndpoint[];
  singleLogoutServices: ParsedEndpoint[];
  /** PEM certificates of KeyDescriptors with use="signing" or no use. */
  signingCertificatesPem: string[];
  wantAuthnRequestsSigned: boolean;
  nameIdFormats: string[];
}

export interface SpDescriptor {
  assertionConsumerServices: ParsedEndpoint[];
  singleLogoutServices: ParsedEndpoint[];
  signingCertificatesPem: string[];
  encryptionCertificatesPem: string[];
  authnRequestsSigned: boolean;
  wantAssertionsSigned: boolean;
  attributeConsumingServices: AttributeConsumingService[];
}

/** One entity's metadata, as far as the simulators use it. */
export interface EntityMetadata {
  entityId: string;
  idp?: IdpDescriptor;
  sp?: SpDescriptor;
  /** Values of the entity-category entity attribute. */
  entityCategories: string[];
  /** The metadata document as given. */
  xml: string;
}

const bool = (v: string | null) => v === 'true' || v === '1';

function endpoints(parent: Element, localName: string): ParsedEndpoint[] {
  return childElements(parent, NS.md, localName).map((e) => ({
    binding: e.getAttribute('Binding') ?? '',
    location: e.getAttribute('Location') ?? '',
    index: e.hasAttribute('index') ? Number(e.getAttribute('index')) : undefined,
    isDefault: e.hasAttribute('isDefault') ? bool(e.getAttribute('isDefault')) : undefined,
  }));
}

function certificates(parent: Element, use: 'signing' | 'encryption'): string[] {
  return childElements(parent, NS.md, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') || use) === use)
    .flatMap((k) => {
      const list = k.getElementsByTagNameNS(NS.ds, 'X509Certificate');
      const out: string[] = [];
      for (let i = 0; i < list.length; i++) out.push(toCertificatePem(list.item(i)?.textContent ?? ''));
      return out;
    });
}

const texts = (parent: Element, ns: string, name: string) => childElements(parent, ns, name).map((e) => (e.textContent ?? '').trim());

function entityCategories(entity: Element): string[] {
  const ext = childElement(entity, NS.md, 'Extensions');
  const attrs = ext ? childElement(ext, NS.mdattr, 'EntityAttributes') : undefined;
  if (!attrs) return [];
  return childElements(attrs, NS.saml, 'Attribute')
    .filter((a) => a.getAttribute('Name') === ENTITY_CATEGORY_ATTRIBUTE)
    .flatMap((a) => texts(a, NS.saml, 'AttributeValue'));
}

/**
 * Parses one `md:EntityDescriptor` (or the first of an `md:EntitiesDescriptor`).
 * @throws {SamlError} `bad-xml` / `missing-field` naming what is wrong with the document.
 */
export function parseMetadata(xml: string): EntityMetadata {
  let root: Element | null;
  try {
    root = parseXmlSafely(xml, { maxBytes: 4 * 1024 * 1024 }).documentElement;
  } catch (error) {
    throw new SamlError('bad-xml', `metadata is not usable XML: ${(error as Error).message}`);
  }
  let entity = root;
  if (root?.namespaceURI === NS.md && root.localName === 'EntitiesDescriptor') entity = childElement(root, NS.md, 'EntityDescriptor') ?? null;
  if (!entity || entity.namespaceURI !== NS.md || entity.localName !== 'EntityDescriptor') {
    throw new SamlError('wrong-message', `metadata root is <${root?.tagName ?? '?'}>, expected md:EntityDescriptor (${NS.md})`);
  }
  const entityId = entity.getAttribute('entityID');
  if (!entityId) throw new SamlError('missing-field', 'metadata EntityDescriptor has no entityID attribute');
  const idpEl = childElement(entity, NS.md, 'IDPSSODescriptor');
  const spEl = childElement(entity, NS.md, 'SPSSODescriptor');
  const result: EntityMetadata = { entityId, entityCategories: entityCategories(entity), xml };
  if (idpEl) {
    result.idp = {
      singleSignOnServices: endpoints(idpEl, 'SingleSignOnService'),
      singleLogoutServices: endpoints(idpEl, 'SingleLogoutService'),
      signingCertificatesPem: certificates(idpEl, 'signing'),
      wantAuthnRequestsSigned: bool(idpEl.getAttribute('WantAuthnRequestsSigned')),
      nameIdFormats: texts(idpEl, NS.md, 'NameIDFormat'),
    };
  }
  if (spEl) {
    result.sp = {
      assertionConsumerServices: endpoints(spEl, 'AssertionConsumerService'),
      singleLogoutServices: endpoints(spEl, 'SingleLogoutService'),
      signingCertificatesPem: certificates(spEl, 'signing'),
      encryptionCertificatesPem: certificates(spEl, 'encryption'),
      authnRequestsSigned: bool(spEl.getAttribute('AuthnRequestsSigned')),
      wantAssertionsSigned: bool(spEl.getAttribute('WantAssertionsSigned')),
      attributeConsumingServices: childElements(spEl, NS.md, 'AttributeConsumingService').map((s) => ({
        index: Number(s.getAttribute('index') ?? '0'),
        isDefault: bool(s.getAttribute('isDefault')),
        serviceName: texts(s, NS.md, 'ServiceName')[0] ?? '',
        requestedAttributes: childElements(s, NS.md, 'RequestedAttribute').map((r) => ({
          name: r.getAttribute('Name') ?? '',
          friendlyName: r.getAttribute('FriendlyName') ?? undefined,
          isRequired: bool(r.getAttribute('isRequired')),
        })),
      })),
    };
  }
  if (!result.idp && !result.sp) throw new SamlError('missing-field', `metadata of ${inputExcerpt(entityId)} has neither an IDPSSODescriptor nor an SPSSODescriptor`);
  return result;
}

/** The default AssertionConsumerService (isDefault, else lowest index, else first), if any. */
export function defaultAssertionConsumerService(sp: SpDescriptor): ParsedEndpoint | undefined {
  const list = sp.assertionConsumerServices;
  return list.find((a) => a.isDefault) ?? [...list].sort((a, b) => (a.index ?? 0) - (b.index ?? 0))[0];
}
