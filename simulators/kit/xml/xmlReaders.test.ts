/**
 * Every XML reader of the simulators goes through the guarded parser (safeXml): no other file
 * builds a DOM from text, and the kit's SAML, metadata and signature readers refuse a document
 * nested past the limit with the parser's own message.
 */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyEnvelopedSignature } from '../dsig/signatureVerification.js';
import { parseLogoutRequest, parseLogoutResponse } from '../saml/logout.js';
import { parseMetadata } from '../saml/metadataParser.js';

const SIMULATORS = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GUARDED_PARSER = ['kit', 'xml', 'safeXml.ts'].join(sep);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const deep = (root: string, ns: string) => `<${root} xmlns="${ns}">${'<x>'.repeat(150)}${'</x>'.repeat(150)}</${root}>`;
const TOO_DEEP = /XML document nests elements deeper than 100 levels \(level 101 opens at line 1, column \d+\)/;

test.describe('every XML reader is guarded', () => {
  test('no simulator code builds a DOM from text except the guarded parser', () => {
    const offenders = sourceFiles(SIMULATORS)
      .filter((file) => relative(SIMULATORS, file) !== GUARDED_PARSER)
      .filter((file) => /\bnew DOMParser\b|\.parseFromString\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SIMULATORS, file));
    expect(offenders, 'parse XML with parseXmlSafely (kit/xml/safeXml.ts), which limits size, DTDs, encoding and depth').toEqual([]);
  });

  test('SAML logout, SAML metadata and XML signature readers refuse deep nesting with the parser\'s message', () => {
    const samlp = 'urn:oasis:names:tc:SAML:2.0:protocol';
    expect(() => parseLogoutRequest(deep('LogoutRequest', samlp))).toThrow(TOO_DEEP);
    expect(() => parseLogoutResponse(deep('LogoutResponse', samlp))).toThrow(TOO_DEEP);
    expect(() => parseMetadata(deep('EntityDescriptor', 'urn:oasis:names:tc:SAML:2.0:metadata'))).toThrow(TOO_DEEP);
    const verdict = verifyEnvelopedSignature(deep('Response', samlp), { trustedCertificatesPem: ['MIIB'] });
    expect(verdict.valid).toBe(false);
    expect(verdict.problem).toMatch(TOO_DEEP);
  });
});
