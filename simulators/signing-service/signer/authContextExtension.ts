/**
 * The RFC 7773 Authentication Context extension (OID 1.2.752.201.5.1) that Swedish signer
 * certificates carry: how and where the signer authenticated, and which SAML attribute went into
 * which certificate field, as a `saci:SAMLAuthContext` XML document.
 *
 *   AuthenticationContexts ::= SEQUENCE SIZE (1..MAX) OF AuthenticationContext
 *   AuthenticationContext  ::= SEQUENCE { contextType UTF8String, contextInfo UTF8String OPTIONAL }
 */
import { SACI_NS, SAML_NS } from '../dss/dssNames.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { x509 } from '../../kit/pki/x509Runtime.js';

/** Extension OID (RFC 7773). */
export const AUTH_CONTEXT_EXTENSION_OID = '1.2.752.201.5.1';
/** contextType of a SAML authentication context. */
export const SACI_CONTEXT_TYPE = SACI_NS;

/** One certificate field and the SAML attribute its value came from. */
export interface AttributeMapping {
  /** `rdn` (subject attribute), `san` or `sda`. */
  type: 'rdn' | 'san' | 'sda';
  /** OID of the certificate attribute, e.g. 2.5.4.5 for serialNumber. */
  ref: string;
  attributeName: string;
  friendlyName?: string;
  values: string[];
}

/** What `saci:AuthContextInfo` and `saci:IdAttributes` say. */
export interface SamlAuthContext {
  identityProvider: string;
  /** xs:dateTime of the authentication. */
  authenticationInstant: string;
  authnContextClassRef: string;
  /** ID of the assertion the signer was authenticated with. */
  assertionRef: string;
  serviceId?: string;
  attributeMappings: AttributeMapping[];
}

/** The `saci:SAMLAuthContext` XML text. */
export function samlAuthContextXml(ctx: SamlAuthContext): string {
  const info =
    `<saci:AuthContextInfo IdentityProvider="${xmlEscape(ctx.identityProvider)}" AuthenticationInstant="${xmlEscape(ctx.authenticationInstant)}"` +
    ` AuthnContextClassRef="${xmlEscape(ctx.authnContextClassRef)}" AssertionRef="${xmlEscape(ctx.assertionRef)}"` +
    `${ctx.serviceId ? ` ServiceID="${xmlEscape(ctx.serviceId)}"` : ''}/>`;
  const mappings = ctx.attributeMappings
    .map(
      (m) =>
        `<saci:AttributeMapping Type="${m.type}" Ref="${xmlEscape(m.ref)}">` +
        `<saml:Attribute Name="${xmlEscape(m.attributeName)}"${m.friendlyName ? ` FriendlyName="${xmlEscape(m.friendlyName)}"` : ''}>` +
        m.values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('') +
        '</saml:Attribute></saci:AttributeMapping>',
    )
    .join('');
  return (
    `<saci:SAMLAuthContext xmlns:saci="${SACI_NS}" xmlns:saml="${SAML_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `${info}<saci:IdAttributes>${mappings}</saci:IdAttributes></saci:SAMLAuthContext>`
  );
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** DER of AuthenticationContexts with one SAML context. */
export function authContextExtensionValue(ctx: SamlAuthContext): Buffer {
  const context = der(0x30, Buffer.concat([der(0x0c, Buffer.from(SACI_CONTEXT_TYPE, 'utf8')), der(0x0c, Buffer.from(samlAuthContextXml(ctx), 'utf8'))]));
  return der(0x30, context);
}

/** The non-critical certificate extension. */
export function authContextExtension(ctx: SamlAuthContext): x509.Extension {
  return new x509.Extension(AUTH_CONTEXT_EXTENSION_OID, false, new Uint8Array(authContextExtensionValue(ctx)));
}

/**
 * Reads AuthenticationContexts back from the extension value (for tests and inspection).
 * @throws Error when the bytes are not the expected DER.
 */
export function readAuthContextExtensionValue(value: Uint8Array): { contextType: string; contextInfo?: string }[] {
  const buf = Buffer.from(value);
  const read = (at: number): { tag: number; start: number; end: number } => {
    const tag = buf[at];
    let len = buf[at + 1];
    let start = at + 2;
    if (tag === undefined || len === undefined) throw new Error(`AuthenticationContexts DER ends early at byte ${at}`);
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] ?? 0);
      start += n;
    }
    if (start + len > buf.length) throw new Error(`AuthenticationContexts DER length ${len} at byte ${at} runs past the end`);
    return { tag, start, end: start + len };
  };
  const outer = read(0);
  if (outer.tag !== 0x30) throw new Error('AuthenticationContexts is not a SEQUENCE');
  const out: { contextType: string; contextInfo?: string }[] = [];
  for (let at = outer.start; at < outer.end; ) {
    const seq = read(at);
    const type = read(seq.start);
    const text = (p: { start: number; end: number }) => buf.subarray(p.start, p.end).toString('utf8');
    const info = type.end < seq.end ? read(type.end) : undefined;
    out.push({ contextType: text(type), contextInfo: info ? text(info) : undefined });
    at = seq.end;
  }
  return out;
}
