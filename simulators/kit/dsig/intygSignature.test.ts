/**
 * The certificate signature inside RegisterCertificate v3 (intyg/underskrift/ds:Signature), with
 * Webcert's transform chain. Besides the kit's own verifier, an independent check rebuilds the
 * signed node set with plain DOM calls, canonicalises it with xml-crypto and with libxml2
 * (`xmllint --exc-c14n`), digests it with node:crypto and verifies the value over the canonical
 * SignedInfo: a change to any signed field must fail both, a change to the metadata Webcert leaves
 * out must fail neither.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMImplementation, DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { TestPki } from '../pki/testPki.js';
import { ecdsaSignRaw } from './ecdsaRaw.js';
import { INTYG_TRANSFORMS, STRIP_NAMESPACES_XSLT, isNamespaceStrippingStylesheet } from './intygReference.js';
import { completeIntygSignature, ECDSA_SHA256, embedIntygSignature, prepareIntygSignature, verifyIntygSignature } from './intygSignature.js';

const ID = '6d3f0a8e-31c2-4c0b-9d5e-2b7f1a9c4e11';
const RC = 'urn:riv:clinicalprocess:healthcond:certificate:RegisterCertificateResponder:3';
const CORE = 'urn:riv:clinicalprocess:healthcond:certificate:3';
const TYPES = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** A RegisterCertificate with a DB intyg, pretty-printed, with metadata Webcert leaves unsigned. */
function registerCertificate(extra: { metadata?: string; answer?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ns2:RegisterCertificate xmlns:ns2="${RC}" xmlns:ns3="${CORE}" xmlns:ns4="${TYPES}">
  <ns2:intyg>
    <ns3:intygs-id><ns4:root>TSTNMT2321000156-ALFA</ns4:root><ns4:extension>${ID}</ns4:extension></ns3:intygs-id>
    <ns3:typ><ns4:code>DB</ns4:code><ns4:codeSystem>b64ea353-e8f6-4832-b563-fc7d46f29548</ns4:codeSystem><ns4:displayName>Dödsbevis</ns4:displayName></ns3:typ>
    <ns3:version>1.0</ns3:version>
    <ns3:signeringstidpunkt>2026-03-02T09:15:00</ns3:signeringstidpunkt>
    ${extra.metadata ?? ''}
    <ns3:patient>
      <ns3:person-id><ns4:root>1.2.752.129.2.1.3.1</ns4:root><ns4:extension>191212121212</ns4:extension></ns3:person-id>
      <ns3:fornamn>Tolvan</ns3:fornamn><ns3:efternamn>Tolvansson</ns3:efternamn>
      <ns3:postadress>Svensson, Storgatan 2</ns3:postadress><ns3:postnummer>12345</ns3:postnummer><ns3:postort>Småstad</ns3:postort>
    </ns3:patient>
    <ns3:skapadAv>
      <ns3:personal-id><ns4:root>1.2.752.129.2.1.4.1</ns4:root><ns4:extension>TSTNMT2321000156-1079</ns4:extension></ns3:personal-id>
      <ns3:fullstandigtNamn>Ajla Doktor</ns3:fullstandigtNamn>
    </ns3:skapadAv>
    <ns3:svar id="1"><ns3:delsvar id="1.1">${extra.answer ?? 'Körkort &amp; "pass" &lt;giltigt&gt;'}</ns3:delsvar></ns3:svar>
    <ns3:svar id="2"><ns3:delsvar id="2.1">true</ns3:delsvar><ns3:delsvar id="2.2">2026-03-01</ns3:delsvar></ns3:svar>
  </ns2:intyg>
</ns2:RegisterCertificate>`;
}

let dir: string;
let ecSigner: { certificatePem: string; privateKeyPem: string };
let rsaSigner: { certificatePem: string; privateKeyPem: string };

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-intygsig-'));
  const pki = await TestPki.open(dir);
  ecSigner = await pki.issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-1079', key: 'EC' });
  rsaSigner = await pki.issueFunctionCertificate({ commonName: 'webcert.samverkan.test', hsaId: 'TST-WC-1' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Signs the message as Webcert and the signing service do: SignedInfo, raw ECDSA, then embed. */
function signed(message = registerCertificate()): string {
  const prepared = prepareIntygSignature(message, ID);
  const signature = completeIntygSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, ecSigner.privateKeyPem), ecSigner.certificatePem);
  return embedIntygSignature(message, signature);
}

const canonicalOf = (el: Node) => new ExclusiveCanonicalization().process(el as never, {}).toString();

/** The signed node set rebuilt with plain DOM calls: no namespaces, no whitespace-only text, no metadata. */
function strippedCopy(intyg: Element): Document {
  const doc = new DOMImplementation().createDocument(null, 'placeholder', null);
  const copy = (from: Element): Element => {
    const to = doc.createElementNS(null, from.localName!);
    for (let i = 0; i < from.attributes.length; i++) {
      const a = from.attributes.item(i)!;
      if (!a.name.startsWith('xmlns')) to.setAttribute(a.name, a.value);
    }
    for (let n = from.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) {
        const el = n as Element;
        if (['skickatTidpunkt', 'relation', 'status', 'underskrift'].includes(el.localName!)) continue;
        to.appendChild(copy(el));
      } else if (n.nodeType === 3 && !/^\s*$/.test((n as unknown as { data: string }).data)) {
        to.appendChild(doc.createTextNode((n as unknown as { data: string }).data));
      }
    }
    return to;
  };
  doc.replaceChild(copy(intyg), doc.documentElement!);
  return doc;
}

/** The independent verdict: digest by xml-crypto and by xmllint, signature by node:crypto. */
function independentCheck(message: string): { digestMatches: boolean; xmllintAgrees: boolean; signatureVerifies: boolean } {
  const doc = new DOMParser().parseFromString(message, 'text/xml');
  const intyg = doc.getElementsByTagNameNS('*', 'intyg').item(0)!;
  const stripped = strippedCopy(intyg);
  const viaXmlCrypto = canonicalOf(stripped.documentElement!);
  const lint = spawnSync('xmllint', ['--exc-c14n', '-'], { input: new XMLSerializer().serializeToString(stripped), encoding: 'utf8' });
  const digest = createHash('sha256').update(viaXmlCrypto, 'utf8').digest('base64');
  const digestValue = doc.getElementsByTagNameNS(DSIG, 'DigestValue').item(0)!.textContent;
  const signedInfo = doc.getElementsByTagNameNS(DSIG, 'SignedInfo').item(0)!;
  const value = Buffer.from(doc.getElementsByTagNameNS(DSIG, 'SignatureValue').item(0)!.textContent!, 'base64');
  const cert = new X509Certificate(Buffer.from(doc.getElementsByTagNameNS(DSIG, 'X509Certificate').item(0)!.textContent!, 'base64'));
  return {
    digestMatches: digest === digestValue,
    xmllintAgrees: lint.status === 0 && lint.stdout === viaXmlCrypto,
    signatureVerifies: verify('sha256', Buffer.from(canonicalOf(signedInfo), 'utf8'), { key: cert.publicKey, dsaEncoding: 'ieee-p1363' }, value),
  };
}

test('signed in intyg/underskrift with Webcert\'s transform chain, it verifies here and independently', () => {
  const message = signed();
  expect(message).toMatch(/<ns2:intyg>[\s\S]*<m1:underskrift xmlns:m1="urn:riv:clinicalprocess:healthcond:certificate:3\.2"><ds:Signature[\s\S]*<\/m1:underskrift><\/ns2:intyg>/);
  for (const uri of [INTYG_TRANSFORMS.envelopedSignature, INTYG_TRANSFORMS.xslt, INTYG_TRANSFORMS.xpathFilter2, INTYG_TRANSFORMS.excC14n]) expect(message).toContain(`Algorithm="${uri}"`);
  expect(message).toContain(`<dsf:XPath xmlns:dsf="http://www.w3.org/2002/06/xmldsig-filter2" Filter="intersect">//extension[text()='${ID}']/../..</dsf:XPath>`);
  expect(message).toContain('Filter="subtract">//*[local-name() = \'skickatTidpunkt\']|');
  expect(verifyIntygSignature(message)).toMatchObject({ valid: true, certificateId: ID, signatureMethod: ECDSA_SHA256, signerSubject: expect.stringContaining('Ajla Doktor') });
  expect(independentCheck(message)).toEqual({ digestMatches: true, xmllintAgrees: true, signatureVerifies: true });
});

test('the node set that is digested: the intyg without namespaces, whitespace or metadata', () => {
  const prepared = prepareIntygSignature(registerCertificate({ metadata: '<ns3:skickatTidpunkt>2026-03-02T09:16:00</ns3:skickatTidpunkt>' }), ID);
  const doc = new DOMParser().parseFromString(registerCertificate(), 'text/xml');
  const expected = canonicalOf(strippedCopy(doc.getElementsByTagNameNS('*', 'intyg').item(0)!).documentElement!);
  expect(expected.startsWith(`<intyg><intygs-id><root>TSTNMT2321000156-ALFA</root><extension>${ID}</extension></intygs-id><typ><code>DB</code>`)).toBe(true);
  expect(expected).toContain('<delsvar id="1.1">Körkort &amp; "pass" &lt;giltigt&gt;</delsvar>');
  expect(prepared.digestValue).toBe(createHash('sha256').update(expected, 'utf8').digest('base64'));
});

test('a change to any signed field fails here and independently, with a clear problem', () => {
  const message = signed();
  const tamperings: [string, string, string][] = [
    ['patient name', '<ns3:fornamn>Tolvan</ns3:fornamn>', '<ns3:fornamn>Tolva</ns3:fornamn>'],
    ['person id', '<ns4:extension>191212121212</ns4:extension>', '<ns4:extension>191212121213</ns4:extension>'],
    ['answer text', 'Körkort &amp;', 'Pass &amp;'],
    ['answer id', '<ns3:delsvar id="2.2">', '<ns3:delsvar id="2.3">'],
    ['date of death', '2026-03-01', '2026-02-28'],
    ['signing time', '2026-03-02T09:15:00', '2026-03-02T09:15:01'],
    ['type', '<ns4:code>DB</ns4:code>', '<ns4:code>DOI</ns4:code>'],
    ['signer name', 'Ajla Doktor</ns3:fullstandigtNamn>', 'Ajla Doktorn</ns3:fullstandigtNamn>'],
    ['unit in intygs-id', '<ns4:root>TSTNMT2321000156-ALFA</ns4:root>', '<ns4:root>TSTNMT2321000156-BETA</ns4:root>'],
    ['a removed answer', /<ns3:svar id="2">.*?<\/ns3:svar>/.exec(message)![0], ''],
  ];
  for (const [what, from, to] of tamperings) {
    expect(message, what).toContain(from);
    const tampered = message.replace(from, to);
    const verdict = verifyIntygSignature(tampered);
    expect(verdict.valid, what).toBe(false);
    expect(verdict.problem, what).toMatch(/does not match the signed digest: it was changed after signing/);
    expect(independentCheck(tampered).digestMatches, what).toBe(false);
  }
});

test('metadata Webcert leaves out, other prefixes and formatting change nothing', () => {
  const message = signed();
  const variants: [string, string][] = [
    ['skickatTidpunkt added', message.replace('<ns3:patient>', '<ns3:skickatTidpunkt>2026-03-02T09:16:00</ns3:skickatTidpunkt><ns3:patient>')],
    ['relation added', message.replace('<ns3:svar id="1">', `<ns3:relation><ns3:typ><ns4:code>ERSATT</ns4:code><ns4:codeSystem>c2362fcd-eda0-4f9a-bd13-b3bbaf7f2146</ns4:codeSystem></ns3:typ><ns3:intygs-id><ns4:root>X</ns4:root><ns4:extension>older</ns4:extension></ns3:intygs-id></ns3:relation><ns3:svar id="1">`)],
    ['status added', message.replace('<ns3:svar id="1">', '<ns3:status><ns3:part><ns4:code>SKV</ns4:code></ns3:part></ns3:status><ns3:svar id="1">')],
    ['prefixes renamed', message.replace(/ns3:/g, 'core:').replace('xmlns:ns3=', 'xmlns:core=').replace(/ns4:/g, 't:').replace('xmlns:ns4=', 'xmlns:t=')],
    ['whitespace removed', message.replace(/>\s+</g, '><')],
    ['comment added', message.replace('<ns3:version>', '<!-- kommentar --><ns3:version>')],
  ];
  for (const [what, variant] of variants) {
    expect(variant, what).not.toBe(message);
    expect(verifyIntygSignature(variant), what).toMatchObject({ valid: true });
    expect(independentCheck(variant), what).toEqual({ digestMatches: true, xmllintAgrees: true, signatureVerifies: true });
  }
  // underskrift itself is left out: a signature re-embedded after signing still verifies
  const signatureXml = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(message)![0];
  expect(verifyIntygSignature(embedIntygSignature(registerCertificate(), signatureXml))).toMatchObject({ valid: true });
});

test('RSA-SHA256 (Webcert\'s fake signing) verifies too; a wrong key or a swapped certificate does not', () => {
  const prepared = prepareIntygSignature(registerCertificate(), ID, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  const value = sign('sha256', prepared.toBeSignedBytes, rsaSigner.privateKeyPem);
  expect(verifyIntygSignature(embedIntygSignature(registerCertificate(), completeIntygSignature(prepared, value, rsaSigner.certificatePem)))).toMatchObject({ valid: true });
  const swapped = embedIntygSignature(registerCertificate(), completeIntygSignature(prepared, value, ecSigner.certificatePem));
  expect(verifyIntygSignature(swapped).problem).toMatch(/SignatureValue does not verify over the SignedInfo with the certificate in KeyInfo/);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecPrepared = prepareIntygSignature(registerCertificate(), ID);
  const foreign = embedIntygSignature(registerCertificate(), completeIntygSignature(ecPrepared, ecdsaSignRaw(ecPrepared.toBeSignedBytes, privateKey), ecSigner.certificatePem));
  expect(verifyIntygSignature(foreign)).toMatchObject({ valid: false, problem: expect.stringContaining('does not verify') });
});

test('a signature placed where RegisterCertificate does not carry it, or over another chain, is refused with the reason', () => {
  const message = signed();
  const signatureXml = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(message)![0];
  const direct = message.replace(/<m1:underskrift[\s\S]*<\/m1:underskrift>/, signatureXml.replace('<ds:Signature ', '<ds:Signature '));
  expect(verifyIntygSignature(direct).problem).toMatch(/direct child of intyg; RegisterCertificate v3 carries it in intyg\/underskrift/);
  expect(verifyIntygSignature(registerCertificate()).problem).toMatch(/is not signed: it has no underskrift/);
  const shortChain = message.replace(/<ds:Transform Algorithm="http:\/\/www\.w3\.org\/TR\/1999\/REC-xslt-19991116">[\s\S]*?<\/ds:Transform>/, '');
  expect(verifyIntygSignature(shortChain).problem).toMatch(/needs exactly enveloped-signature, XSLT, XPath Filter 2\.0 intersect/);
  const otherStylesheet = message.replace('<xsl:strip-space elements="*"/>', '<xsl:param name="p"/><xsl:strip-space elements="*"/>');
  expect(verifyIntygSignature(otherStylesheet).problem).toMatch(/XSLT transform that is not the namespace-stripping stylesheet/);
  const moved = message.replace(`text()='${ID}'`, "text()='another-id'");
  expect(verifyIntygSignature(moved).problem).toMatch(/covers certificate another-id, but it sits in intyg 6d3f0a8e/);
  expect(verifyIntygSignature('<a>').problem).toMatch(/cannot be read/);
});

test('Webcert\'s own stylesheet shape is recognised, ours too; anything else is not', () => {
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  expect(isNamespaceStrippingStylesheet(parse(STRIP_NAMESPACES_XSLT))).toBe(true);
  const xsl = 'http://www.w3.org/1999/XSL/Transform';
  const webcertShape = `<xsl:stylesheet version="1.0" xmlns:xsl="${xsl}"><xsl:output omit-xml-declaration="yes" indent="no"/><xsl:strip-space elements="*"/><xsl:template match="*"><xsl:element name="{local-name(.)}"><xsl:apply-templates select="node()|@*"/></xsl:element></xsl:template><xsl:template match="@*"><xsl:copy/></xsl:template></xsl:stylesheet>`;
  expect(isNamespaceStrippingStylesheet(parse(webcertShape))).toBe(true);
  expect(isNamespaceStrippingStylesheet(parse(webcertShape.replace('{local-name(.)}', '{name()}')))).toBe(false);
  expect(isNamespaceStrippingStylesheet(parse(webcertShape.replace('<xsl:copy/>', '<xsl:value-of select="."/>')))).toBe(false);
  expect(isNamespaceStrippingStylesheet(parse(webcertShape.replace('<xsl:strip-space elements="*"/>', '')))).toBe(false);
});

test('the ToBeSignedBytes are the exclusive c14n of the SignedInfo as parsed, for any id a certificate may have, by xml-crypto and by xmllint', () => {
  const ids = [ID, 'a', 'A.b_c:d-9', '0'.repeat(200), 'samverkanIdStandIn0', 'x-samverkanDigestStandIn0'];
  for (const method of [ECDSA_SHA256, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256']) {
    for (const id of ids) {
      const prepared = prepareIntygSignature(registerCertificate().replace(ID, id), id, method);
      const parsed = new DOMParser().parseFromString(prepared.signedInfo, 'text/xml').documentElement!;
      expect(prepared.toBeSignedBytes.toString('utf8'), id).toBe(canonicalOf(parsed));
      const lint = spawnSync('xmllint', ['--exc-c14n', '-'], { input: prepared.signedInfo, encoding: 'utf8' });
      expect(lint.stdout, id).toBe(prepared.toBeSignedBytes.toString('utf8'));
    }
  }
  expect(() => prepareIntygSignature(registerCertificate().replace(ID, "o'id"), "o'id")).toThrow(/cannot be written/);
});
