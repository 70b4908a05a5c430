/**
 * The HTTP-Redirect and HTTP-POST bindings (SAML bindings §3.4, §3.5): deflate-raw + base64 in
 * a query string, optionally signed over the raw query octets; plain base64 in a form field.
 */
import { createSign, createVerify, X509Certificate } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ALGORITHMS, signatureAlgorithmUri, type SignatureAlgorithmName } from '../dsig/algorithms.js';
import { toCertificatePem } from '../pki/pem.js';
import { SamlError } from './samlError.js';
import { inputExcerpt } from '../text/inputExcerpt.js';

/** Largest SAML message accepted after decoding: 1 MiB. */
export const MAX_SAML_MESSAGE_BYTES = 1024 * 1024;

export type SamlMessageKind = 'SAMLRequest' | 'SAMLResponse';

/** Signing key for a redirect-bound message. */
export interface RedirectSigning {
  privateKeyPem: string;
  algorithm?: SignatureAlgorithmName;
}

/** base64(deflate-raw(xml)), the Redirect binding's encoding. */
export function deflateAndEncode(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function base64Bytes(value: string, what: string): Buffer {
  if (!value || !BASE64.test(value)) {
    throw new SamlError('bad-encoding', `${what} is not base64 (it holds characters outside A–Z, a–z, 0–9, +, /, =); send the message base64-encoded as the binding says`);
  }
  return Buffer.from(value, 'base64');
}

/**
 * The XML of a Redirect-bound value: base64-decoded and inflated, at most 1 MiB.
 * @throws {SamlError} `bad-encoding` saying which step failed.
 */
export function decodeAndInflate(value: string, what = 'SAMLRequest'): string {
  const bytes = base64Bytes(value, what);
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_SAML_MESSAGE_BYTES }).toString('utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `inflates to more than ${MAX_SAML_MESSAGE_BYTES} bytes` : 'is not DEFLATE-compressed';
    throw new SamlError('bad-encoding', `${what} ${reason}; the HTTP-Redirect binding needs base64(deflate-raw(xml))`);
  }
}

/** base64(xml), the POST binding's encoding. */
export function encodeForPost(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

/**
 * The XML of a POST-bound value.
 * @throws {SamlError} `bad-encoding` when it is not base64 or too large.
 */
export function decodeFromPost(value: string, what = 'SAMLResponse'): string {
  const bytes = base64Bytes(value, what);
  if (bytes.length > MAX_SAML_MESSAGE_BYTES) throw new SamlError('bad-encoding', `${what} decodes to ${bytes.length} bytes, over the limit of ${MAX_SAML_MESSAGE_BYTES}`);
  const text = bytes.toString('utf8');
  if (!text.trimStart().startsWith('<')) throw new SamlError('bad-encoding', `${what} does not decode to XML; POST it as base64 of the SAML message`);
  return text;
}

const HASH_OF: Record<string, string> = { [ALGORITHMS.rsaSha256]: 'sha256', [ALGORITHMS.rsaSha1]: 'sha1', [ALGORITHMS.rsaSha512]: 'sha512' };

/** `endpoint` with the message (and RelayState, and SigAlg + Signature when signing) in its query. */
export function buildRedirectUrl(endpoint: string, message: { kind: SamlMessageKind; xml: string; relayState?: string; signing?: RedirectSigning }): string {
  let query = `${message.kind}=${encodeURIComponent(deflateAndEncode(message.xml))}`;
  if (message.relayState !== undefined) query += `&RelayState=${encodeURIComponent(message.relayState)}`;
  if (message.signing) {
    const sigAlg = signatureAlgorithmUri(message.signing.algorithm);
    query += `&SigAlg=${encodeURIComponent(sigAlg)}`;
    const signature = createSign(HASH_OF[sigAlg] ?? 'sha256').update(query).sign(message.signing.privateKeyPem, 'base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${query}`;
}

/** A Redirect-bound message as it arrived. */
export interface RedirectMessage {
  kind: SamlMessageKind;
  xml: string;
  relayState?: string;
  sigAlg?: string;
  signature?: string;
  /** The octets a redirect signature covers, from the raw query (SAML bindings §3.4.4.1). */
  signedOctets?: string;
}

/**
 * Reads a Redirect-bound message from a raw query string (with or without `?`), keeping the
 * parameters' original encoding for signature checking.
 * @throws {SamlError} `bad-encoding` when the message is missing or cannot be decoded.
 */
export function readRedirectQuery(rawQuery: string, expect: SamlMessageKind = 'SAMLRequest'): RedirectMessage {
  const raw = new Map<string, string>();
  for (const part of rawQuery.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    if (!raw.has(key)) raw.set(key, eq < 0 ? '' : part.slice(eq + 1));
  }
  const decode = (v: string | undefined) => {
    if (v === undefined) return undefined;
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw new SamlError('bad-encoding', 'the query string holds a broken %-escape; URL-encode every parameter');
    }
  };
  const value = decode(raw.get(expect));
  if (value === undefined || value === '') throw new SamlError('bad-encoding', `the request has no ${expect} parameter; the HTTP-Redirect binding carries the message there`);
  const xml = decodeAndInflate(value.replace(/ /g, '+'), expect);
  const message: RedirectMessage = { kind: expect, xml, relayState: decode(raw.get('RelayState')) };
  if (raw.has('Signature')) {
    message.sigAlg = decode(raw.get('SigAlg'));
    message.signature = decode(raw.get('Signature'))?.replace(/ /g, '+');
    message.signedOctets = [expect, 'RelayState', 'SigAlg']
      .filter((k) => raw.has(k))
      .map((k) => `${k}=${raw.get(k)}`)
      .join('&');
  }
  return message;
}

/**
 * Checks a redirect signature with the sender's certificates (from its metadata).
 * @returns a problem text, or undefined when the signature verifies with one of them.
 */
export function redirectSignatureProblem(message: RedirectMessage, certificatesPem: string[]): string | undefined {
  if (!message.signature || !message.signedOctets) return 'the message has no Signature parameter';
  const hash = message.sigAlg ? HASH_OF[message.sigAlg] : undefined;
  if (!hash) return `SigAlg "${inputExcerpt(message.sigAlg ?? '')}" is not supported; use ${ALGORITHMS.rsaSha256}`;
  if (certificatesPem.length === 0) return "the sender's metadata has no signing certificate to check the signature with";
  for (const pem of certificatesPem) {
    try {
      const key = new X509Certificate(toCertificatePem(pem)).publicKey;
      if (createVerify(hash).update(message.signedOctets).verify(key, message.signature, 'base64')) return undefined;
    } catch {
      /* try the next certificate */
    }
  }
  return `the Signature parameter does not verify with the ${certificatesPem.length} signing certificate(s) in the sender's metadata`;
}
