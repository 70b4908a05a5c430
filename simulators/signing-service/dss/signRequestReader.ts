/**
 * Reading a `dss:SignRequest` (DSS-Ext 1.1, as Webcert builds it) from the form field
 * `EidSignRequest`: base64 → safe XML parse → the facts the service needs. Reading only: what the
 * values mean is checked in `signRequestRules.ts`, the signature in `requestSignature.ts`.
 * Anything that makes the request unreadable is a {@link RequestRefused} (error page, no response).
 */
import { XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { childElement, childElements, childText } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { CSIG_NS, DSS_NS, SAML_NS } from './dssNames.js';
import { RequestRefused, reasonOf } from './dssProblems.js';

/** One requested signer-certificate attribute (csig:RequestedCertAttribute). */
export interface RequestedCertAttribute {
  certAttributeRef?: string;
  certNameType: string;
  friendlyName?: string;
  defaultValue?: string;
  required: boolean;
  samlAttributeNames: string[];
}

/** csig:SignMessage as requested. */
export interface SignMessageInput {
  mustShow: boolean;
  mimeType: string;
  displayEntity?: string;
  /** Base64 text of csig:Message; absent when the message is encrypted. */
  messageBase64?: string;
  encrypted: boolean;
  /** The element serialized with its namespace declarations, for copying into saml2p:Extensions. */
  elementXml: string;
}

/** One csig:SignTaskData. */
export interface SignTaskInput {
  signTaskId?: string;
  sigType?: string;
  adesType?: string;
  processingRules?: string;
  toBeSignedBase64?: string;
}

/** What a SignRequest says, read without judging it. */
export interface SignRequestInput {
  requestId: string;
  profile?: string;
  /** SignRequestExtension/@Version, default "1.1" as the schema says. */
  version: string;
  requestTime?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  audiences: string[];
  /** csig:Signer attributes: name → values. */
  signer: { name: string; values: string[] }[];
  identityProvider?: string;
  authnProfile?: string;
  signRequester?: string;
  signService?: string;
  requestedSignatureAlgorithm?: string;
  certType?: string;
  /** saml:AuthnContextClassRef values of CertRequestProperties. */
  loas: string[];
  requestedCertAttributes: RequestedCertAttribute[];
  signMessage?: SignMessageInput;
  signTasks: SignTaskInput[];
  /** Whether dss:InputDocuments/dss:Other/csig:SignTasks exists at all. */
  hasSignTasks: boolean;
  /** The parsed document and its parts, for the signature check. */
  document: Document;
  optionalInputs: Element;
}

/** Largest accepted decoded SignRequest: 512 KiB (Webcert's are a few KiB). */
export const MAX_SIGN_REQUEST_BYTES = 512 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes the `EidSignRequest` form value into XML text.
 * @throws {RequestRefused} when it is missing or not base64.
 */
export function decodeSignRequest(eidSignRequest: string | null | undefined): string {
  if (!eidSignRequest || eidSignRequest.trim() === '') {
    throw new RequestRefused('Ingen underskriftsbegäran', 'The form field EidSignRequest is missing or empty; the requester must post the base64-encoded dss:SignRequest in it.');
  }
  const compact = eidSignRequest.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new RequestRefused('Underskriftsbegäran kunde inte avkodas', 'EidSignRequest is not valid base64 (it holds characters outside A-Z a-z 0-9 + / = or has a wrong length); encode the signed SignRequest XML with standard base64.');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > MAX_SIGN_REQUEST_BYTES) {
    throw new RequestRefused('Underskriftsbegäran är för stor', `The decoded SignRequest is ${bytes.length} bytes, over this service's limit of ${MAX_SIGN_REQUEST_BYTES}; send only the request, with the ToBeSignedBytes of the SignedInfo.`);
  }
  return bytes.toString('utf8');
}

const attr = (el: Element | undefined, name: string) => (el && el.hasAttribute(name) ? el.getAttribute(name) ?? undefined : undefined);

/**
 * Parses and reads a SignRequest.
 * @throws {RequestRefused} when the XML is unsafe or malformed, the root is not dss:SignRequest,
 *   or RequestID / OptionalInputs / SignRequestExtension is missing.
 */
export function readSignRequest(xml: string): SignRequestInput {
  let document: Document;
  try {
    document = parseXmlSafely(xml, { maxBytes: MAX_SIGN_REQUEST_BYTES });
  } catch (error) {
    throw new RequestRefused('Underskriftsbegäran är inte läsbar XML', `The decoded SignRequest is not acceptable XML: ${reasonOf(error)}.`);
  }
  const root = document.documentElement as Element;
  if (root.namespaceURI !== DSS_NS || root.localName !== 'SignRequest') {
    throw new RequestRefused('Fel sorts meddelande', `The decoded message is {${root.namespaceURI ?? ''}}${root.localName}, not a dss:SignRequest ({${DSS_NS}}SignRequest); post a SignRequest in EidSignRequest.`);
  }
  const requestId = attr(root, 'RequestID');
  if (!requestId) {
    throw new RequestRefused('Underskriftsbegäran saknar RequestID', 'dss:SignRequest has no RequestID attribute; the profile requires a random RequestID, also used as RelayState.');
  }
  const optionalInputs = childElement(root, DSS_NS, 'OptionalInputs');
  const extension = optionalInputs ? childElement(optionalInputs, CSIG_NS, 'SignRequestExtension') : undefined;
  if (!optionalInputs || !extension) {
    throw new RequestRefused('Underskriftsbegäran saknar SignRequestExtension', 'dss:OptionalInputs/csig:SignRequestExtension is missing; without it the service cannot tell who sent the request or where to answer.');
  }
  const conditions = childElement(extension, SAML_NS, 'Conditions');
  const audiences = conditions
    ? childElements(conditions, SAML_NS, 'AudienceRestriction').flatMap((r) => childElements(r, SAML_NS, 'Audience').map((a) => (a.textContent ?? '').trim()))
    : [];
  const signerEl = childElement(extension, CSIG_NS, 'Signer');
  const signer = signerEl
    ? childElements(signerEl, SAML_NS, 'Attribute').map((a) => ({
        name: a.getAttribute('Name') ?? '',
        values: childElements(a, SAML_NS, 'AttributeValue').map((v) => (v.textContent ?? '').trim()),
      }))
    : [];
  const props = childElement(extension, CSIG_NS, 'CertRequestProperties');
  const requestedAttrs = props ? childElement(props, CSIG_NS, 'RequestedCertAttributes') : undefined;
  const signMessageEl = childElement(extension, CSIG_NS, 'SignMessage');
  const inputDocuments = childElement(root, DSS_NS, 'InputDocuments');
  const other = inputDocuments ? childElement(inputDocuments, DSS_NS, 'Other') : undefined;
  const signTasksEl = other ? childElement(other, CSIG_NS, 'SignTasks') : undefined;
  return {
    requestId,
    profile: attr(root, 'Profile'),
    version: attr(extension, 'Version') ?? '1.1',
    requestTime: childText(extension, CSIG_NS, 'RequestTime'),
    notBefore: attr(conditions, 'NotBefore'),
    notOnOrAfter: attr(conditions, 'NotOnOrAfter'),
    audiences,
    signer,
    identityProvider: childText(extension, CSIG_NS, 'IdentityProvider'),
    authnProfile: childText(extension, CSIG_NS, 'AuthnProfile'),
    signRequester: childText(extension, CSIG_NS, 'SignRequester'),
    signService: childText(extension, CSIG_NS, 'SignService'),
    requestedSignatureAlgorithm: childText(extension, CSIG_NS, 'RequestedSignatureAlgorithm'),
    certType: props ? (attr(props, 'CertType') ?? 'PKC') : undefined,
    loas: props ? childElements(props, SAML_NS, 'AuthnContextClassRef').map((e) => (e.textContent ?? '').trim()) : [],
    requestedCertAttributes: requestedAttrs
      ? childElements(requestedAttrs, CSIG_NS, 'RequestedCertAttribute').map((e) => ({
          certAttributeRef: attr(e, 'CertAttributeRef'),
          certNameType: attr(e, 'CertNameType') ?? 'rdn',
          friendlyName: attr(e, 'FriendlyName'),
          defaultValue: attr(e, 'DefaultValue'),
          required: attr(e, 'Required') === 'true' || attr(e, 'Required') === '1',
          samlAttributeNames: childElements(e, CSIG_NS, 'SamlAttributeName').map((n) => (n.textContent ?? '').trim()),
        }))
      : [],
    signMessage: signMessageEl ? readSignMessage(signMessageEl) : undefined,
    signTasks: signTasksEl
      ? childElements(signTasksEl, CSIG_NS, 'SignTaskData').map((t) => ({
          signTaskId: attr(t, 'SignTaskId'),
          sigType: attr(t, 'SigType'),
          adesType: attr(t, 'AdESType'),
          processingRules: attr(t, 'ProcessingRules'),
          toBeSignedBase64: childText(t, CSIG_NS, 'ToBeSignedBytes')?.replace(/\s+/g, ''),
        }))
      : [],
    hasSignTasks: signTasksEl !== undefined,
    document,
    optionalInputs,
  };
}

function readSignMessage(el: Element): SignMessageInput {
  const mustShow = attr(el, 'MustShow');
  return {
    mustShow: mustShow === 'true' || mustShow === '1',
    mimeType: attr(el, 'MimeType') ?? 'text',
    displayEntity: attr(el, 'DisplayEntity'),
    messageBase64: childText(el, CSIG_NS, 'Message')?.replace(/\s+/g, ''),
    encrypted: childElement(el, CSIG_NS, 'EncryptedMessage') !== undefined,
    elementXml: new XMLSerializer().serializeToString(el),
  };
}
