/**
 * The Sweden Connect `csig:SignMessage` that a signing service copies into an AuthnRequest's
 * Extensions, and the `signMessageDigest` attribute an IdP releases after showing it
 * (TF/07 §2.1.3.8, TF/04 §3.2.4).
 */
import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { childElement } from '../xml/dom.js';
import { xmlEscape } from '../xml/xmlText.js';
import { NS } from './samlConstants.js';
import { SamlError } from './samlError.js';

/** A sign message as the signing service asks the IdP to show it. */
export interface SignMessage {
  /** The text (UTF-8), decoded from `csig:Message`; absent when the message is encrypted. */
  message?: string;
  /** `text` (default), `text/html` or `text/markdown`. */
  mimeType: string;
  mustShow: boolean;
  displayEntity?: string;
  /** True when the message came as `csig:EncryptedMessage` (the simulators cannot decrypt it). */
  encrypted: boolean;
}

/** `csig:SignMessage` XML with the message base64-encoded in `csig:Message`. */
export function buildSignMessageXml(o: { message: string; mimeType?: string; mustShow?: boolean; displayEntity?: string }): string {
  const attrs = [
    o.mustShow !== undefined ? ` MustShow="${o.mustShow}"` : '',
    o.displayEntity ? ` DisplayEntity="${xmlEscape(o.displayEntity)}"` : '',
    o.mimeType ? ` MimeType="${xmlEscape(o.mimeType)}"` : '',
  ].join('');
  return `<csig:SignMessage xmlns:csig="${NS.csig}"${attrs}><csig:Message>${Buffer.from(o.message, 'utf8').toString('base64')}</csig:Message></csig:SignMessage>`;
}

/**
 * Reads a `csig:SignMessage` from an Extensions element, if there is one.
 * @throws {SamlError} `missing-field` when it has neither Message nor EncryptedMessage.
 */
export function readSignMessage(extensions: Element | undefined): SignMessage | undefined {
  const el = extensions ? childElement(extensions, NS.csig, 'SignMessage') : undefined;
  if (!el) return undefined;
  const base = {
    mimeType: el.getAttribute('MimeType') || 'text',
    mustShow: el.getAttribute('MustShow') === 'true' || el.getAttribute('MustShow') === '1',
    displayEntity: el.getAttribute('DisplayEntity') || undefined,
  };
  const message = childElement(el, NS.csig, 'Message');
  if (message) {
    const b64 = (message.textContent ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new SamlError('bad-encoding', 'csig:SignMessage/csig:Message is not base64 of the UTF-8 text');
    return { ...base, message: Buffer.from(b64, 'base64').toString('utf8'), encrypted: false };
  }
  if (childElement(el, NS.csig, 'EncryptedMessage')) return { ...base, encrypted: true };
  throw new SamlError('missing-field', 'csig:SignMessage has neither csig:Message nor csig:EncryptedMessage');
}

/** `http://www.w3.org/2001/04/xmlenc#sha256;<base64(sha256(UTF-8 message))>`, the signMessageDigest value. */
export function signMessageDigest(message: string): string {
  return `http://www.w3.org/2001/04/xmlenc#sha256;${createHash('sha256').update(message, 'utf8').digest('base64')}`;
}
