/**
 * AuthnRequest on the SP side (Webcert, the signing service): the XML, and the message bound for
 * HTTP-Redirect (optionally signed in the query) or HTTP-POST (optionally with an enveloped signature).
 */
import type { Clock } from '../clock/virtualClock.js';
import type { SignatureAlgorithmName } from '../dsig/algorithms.js';
import { signEnveloped } from '../dsig/envelopedSignature.js';
import { xmlEscape } from '../xml/xmlText.js';
import { autoPostForm } from './autoPostForm.js';
import { buildRedirectUrl, encodeForPost } from './bindings.js';
import { BINDINGS, NS } from './samlConstants.js';
import { samlId, samlInstant } from './samlTime.js';
import { buildSignMessageXml } from './signMessage.js';

export interface AuthnRequestOptions {
  clock: Clock;
  /** SP entityID. */
  issuer: string;
  /** The IdP's SSO endpoint the request is sent to. */
  destination: string;
  /** Where the Response should go (must be registered in the SP metadata); omitted when absent. */
  assertionConsumerServiceUrl?: string;
  forceAuthn?: boolean;
  isPassive?: boolean;
  attributeConsumingServiceIndex?: number;
  nameIdPolicy?: { format?: string; allowCreate?: boolean };
  requestedAuthnContext?: { classRefs: string[]; comparison?: 'exact' | 'minimum' | 'maximum' | 'better' };
  /** A sign message for the Extensions (signing services). */
  signMessage?: { message: string; mimeType?: string; mustShow?: boolean; displayEntity?: string };
  /** Other Extensions content (raw XML). */
  extensionsXml?: string;
  /** Scoping/RequesterID values (the original requester, for signing services). */
  requesterIds?: string[];
  /** Default a new random ID. */
  id?: string;
}

/** The AuthnRequest XML and its ID. */
export function buildAuthnRequestXml(o: AuthnRequestOptions): { id: string; xml: string } {
  const id = o.id ?? samlId();
  const attrs = [
    `ID="${xmlEscape(id)}"`,
    'Version="2.0"',
    `IssueInstant="${samlInstant(o.clock.now())}"`,
    `Destination="${xmlEscape(o.destination)}"`,
    o.assertionConsumerServiceUrl ? `AssertionConsumerServiceURL="${xmlEscape(o.assertionConsumerServiceUrl)}" ProtocolBinding="${BINDINGS.post}"` : '',
    o.forceAuthn ? 'ForceAuthn="true"' : '',
    o.isPassive ? 'IsPassive="true"' : '',
    o.attributeConsumingServiceIndex !== undefined ? `AttributeConsumingServiceIndex="${o.attributeConsumingServiceIndex}"` : '',
  ].filter(Boolean);
  const extensions = [o.signMessage ? buildSignMessageXml(o.signMessage) : '', o.extensionsXml ?? ''].join('');
  const policy = o.nameIdPolicy
    ? `<saml2p:NameIDPolicy${o.nameIdPolicy.format ? ` Format="${xmlEscape(o.nameIdPolicy.format)}"` : ''}${o.nameIdPolicy.allowCreate !== undefined ? ` AllowCreate="${o.nameIdPolicy.allowCreate}"` : ''}/>`
    : '';
  const context = o.requestedAuthnContext
    ? `<saml2p:RequestedAuthnContext Comparison="${o.requestedAuthnContext.comparison ?? 'exact'}">${o.requestedAuthnContext.classRefs.map((c) => `<saml2:AuthnContextClassRef>${xmlEscape(c)}</saml2:AuthnContextClassRef>`).join('')}</saml2p:RequestedAuthnContext>`
    : '';
  const scoping = o.requesterIds?.length ? `<saml2p:Scoping>${o.requesterIds.map((r) => `<saml2p:RequesterID>${xmlEscape(r)}</saml2p:RequesterID>`).join('')}</saml2p:Scoping>` : '';
  const xml =
    `<saml2p:AuthnRequest xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" ${attrs.join(' ')}>` +
    `<saml2:Issuer>${xmlEscape(o.issuer)}</saml2:Issuer>` +
    (extensions ? `<saml2p:Extensions>${extensions}</saml2p:Extensions>` : '') +
    `${policy}${context}${scoping}</saml2p:AuthnRequest>`;
  return { id, xml };
}

/** SP signing key for requests. */
export interface RequestSigning {
  privateKeyPem: string;
  certificatePem: string;
  algorithm?: SignatureAlgorithmName;
}

/** An AuthnRequest for the HTTP-Redirect binding: the URL to send the browser to. */
export function buildAuthnRequestRedirect(o: AuthnRequestOptions & { relayState?: string; signing?: RequestSigning }): { id: string; xml: string; url: string } {
  const { id, xml } = buildAuthnRequestXml(o);
  const url = buildRedirectUrl(o.destination, { kind: 'SAMLRequest', xml, relayState: o.relayState, signing: o.signing });
  return { id, xml, url };
}

/** An AuthnRequest for the HTTP-POST binding: the form fields and an auto-posting page. */
export function buildAuthnRequestPost(o: AuthnRequestOptions & { relayState?: string; signing?: RequestSigning }): {
  id: string;
  xml: string;
  action: string;
  fields: { SAMLRequest: string; RelayState?: string };
  html: string;
} {
  const built = buildAuthnRequestXml(o);
  const xml = o.signing
    ? signEnveloped(built.xml, {
        privateKeyPem: o.signing.privateKeyPem,
        certificatePem: o.signing.certificatePem,
        algorithm: o.signing.algorithm,
        location: { reference: "/*/*[local-name()='Issuer']", action: 'after' },
      })
    : built.xml;
  const fields = { SAMLRequest: encodeForPost(xml), ...(o.relayState !== undefined ? { RelayState: o.relayState } : {}) };
  return { id: built.id, xml, action: o.destination, fields, html: autoPostForm({ action: o.destination, fields, title: 'Skickar inloggningsbegäran …' }) };
}
