/**
 * Single logout messages: LogoutRequest (from an SP or the IdP) and LogoutResponse, built and
 * read with the safe parser. Bindings are the same as for AuthnRequest (see bindings.ts).
 */
import type { Element } from '@xmldom/xmldom';
import type { Clock } from '../clock/virtualClock.js';
import { childElement, childElements, childText } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { xmlEscape } from '../xml/xmlText.js';
import { MAX_SAML_MESSAGE_BYTES } from './bindings.js';
import { NS, STATUS } from './samlConstants.js';
import { SamlError } from './samlError.js';
import { samlId, samlInstant } from './samlTime.js';

/** A LogoutRequest's XML. */
export function buildLogoutRequest(o: {
  clock: Clock;
  issuer: string;
  destination: string;
  nameId: { value: string; format?: string };
  sessionIndex?: string;
  id?: string;
}): { id: string; xml: string } {
  const id = o.id ?? samlId();
  const xml =
    `<saml2p:LogoutRequest xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" ID="${id}" Version="2.0" IssueInstant="${samlInstant(o.clock.now())}" Destination="${xmlEscape(o.destination)}">` +
    `<saml2:Issuer>${xmlEscape(o.issuer)}</saml2:Issuer>` +
    `<saml2:NameID${o.nameId.format ? ` Format="${xmlEscape(o.nameId.format)}"` : ''}>${xmlEscape(o.nameId.value)}</saml2:NameID>` +
    (o.sessionIndex ? `<saml2p:SessionIndex>${xmlEscape(o.sessionIndex)}</saml2p:SessionIndex>` : '') +
    '</saml2p:LogoutRequest>';
  return { id, xml };
}

/** A LogoutResponse's XML (status Success unless given). */
export function buildLogoutResponse(o: { clock: Clock; issuer: string; destination: string; inResponseTo: string; statusCode?: string }): { id: string; xml: string } {
  const id = samlId();
  const xml =
    `<saml2p:LogoutResponse xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" ID="${id}" Version="2.0" IssueInstant="${samlInstant(o.clock.now())}" ` +
    `Destination="${xmlEscape(o.destination)}" InResponseTo="${xmlEscape(o.inResponseTo)}"><saml2:Issuer>${xmlEscape(o.issuer)}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="${xmlEscape(o.statusCode ?? STATUS.success)}"/></saml2p:Status></saml2p:LogoutResponse>`;
  return { id, xml };
}

function root(xml: string, localName: string): Element {
  let el: Element | null;
  try {
    el = parseXmlSafely(xml, { maxBytes: MAX_SAML_MESSAGE_BYTES }).documentElement;
  } catch (error) {
    throw new SamlError('bad-xml', `${localName} is not acceptable XML: ${(error as Error).message}`);
  }
  if (!el || el.namespaceURI !== NS.samlp || el.localName !== localName) {
    throw new SamlError('wrong-message', `expected samlp:${localName}, got <${el?.tagName ?? '?'}>`);
  }
  return el;
}

/** What a LogoutRequest says. */
export interface ParsedLogoutRequest {
  id: string;
  issuer: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndexes: string[];
  destination?: string;
}

/**
 * Reads a LogoutRequest.
 * @throws {SamlError} for bad XML or a missing ID, Issuer or NameID.
 */
export function parseLogoutRequest(xml: string): ParsedLogoutRequest {
  const el = root(xml, 'LogoutRequest');
  const id = el.getAttribute('ID');
  const issuer = childText(el, NS.saml, 'Issuer');
  const nameId = childElement(el, NS.saml, 'NameID');
  if (!id || !issuer || !nameId) throw new SamlError('missing-field', 'LogoutRequest needs ID, saml:Issuer and saml:NameID', { id: id ?? undefined, issuer });
  return {
    id,
    issuer,
    nameId: (nameId.textContent ?? '').trim(),
    nameIdFormat: nameId.getAttribute('Format') || undefined,
    sessionIndexes: childElements(el, NS.samlp, 'SessionIndex').map((s) => (s.textContent ?? '').trim()),
    destination: el.getAttribute('Destination') || undefined,
  };
}

/** Reads a LogoutResponse: its InResponseTo, Issuer and top-level status code. */
export function parseLogoutResponse(xml: string): { id: string; inResponseTo?: string; issuer?: string; statusCode?: string } {
  const el = root(xml, 'LogoutResponse');
  const status = childElement(el, NS.samlp, 'Status');
  return {
    id: el.getAttribute('ID') ?? '',
    inResponseTo: el.getAttribute('InResponseTo') || undefined,
    issuer: childText(el, NS.saml, 'Issuer'),
    statusCode: status ? childElement(status, NS.samlp, 'StatusCode')?.getAttribute('Value') ?? undefined : undefined,
  };
}
