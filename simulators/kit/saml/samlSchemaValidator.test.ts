import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSamlMessage } from './samlSchemaValidator.js';

const RESPONSE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
  'ID="_r1" Version="2.0" IssueInstant="2026-12-02T08:00:00Z" Destination="https://webcert.samverkan.test/acs">' +
  '<saml:Issuer>https://idp.samverkan.test/saml</saml:Issuer>' +
  '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
  '<saml:Assertion ID="_a1" Version="2.0" IssueInstant="2026-12-02T08:00:00Z"><saml:Issuer>https://idp.samverkan.test/saml</saml:Issuer>' +
  '<saml:Subject><saml:NameID>TSTNMT2321000156-DRAA</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>';

/** The same message judged by the `xmllint` command against the same XSD files, written to a folder. */
function xmllintAccepts(xml: string, folder: string): boolean {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(folder, 'saml-schema-protocol-2.0.xsd'), '-'], { input: xml, encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint could not be run (apt-get install libxml2-utils): ${run.error.message}`);
  expect([0, 3], run.stderr).toContain(run.status);
  return run.status === 0;
}

function schemaFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'saml-xsd-'));
  const require = createRequire(import.meta.url);
  for (const name of ['saml-schema-protocol-2.0.xsd', 'saml-schema-assertion-2.0.xsd', 'xmldsig-core-schema.xsd', 'xenc-schema.xsd']) {
    writeFileSync(join(folder, name), (require(`@authenio/samlify-node-xmllint/build/schemas/${name}.js`) as { default: string }).default);
  }
  return folder;
}

test.describe('SAML 2.0 schema check for samlify', () => {
  test('a valid Response passes; a broken one is refused with the element and reason, as the xmllint command judges', async () => {
    const folder = schemaFolder();
    try {
      const cases: Array<[string, string, RegExp | undefined]> = [
        ['valid', RESPONSE, undefined],
        ['no Status', RESPONSE.replace(/<samlp:Status>.*<\/samlp:Status>/, ''), /element Assertion: .*This element is not expected\. Expected is .*Status/],
        ['Version missing', RESPONSE.replace(' Version="2.0" IssueInstant="2026-12-02T08:00:00Z" Destination', ' IssueInstant="2026-12-02T08:00:00Z" Destination'), /element Response: .*The attribute 'Version' is required/],
        ['IssueInstant not a time', RESPONSE.replace('IssueInstant="2026-12-02T08:00:00Z" Destination', 'IssueInstant="igår" Destination'), /element Response: .*IssueInstant.*'igår' is not a valid value of the atomic type 'xs:dateTime'/],
        ['an element SAML does not have', RESPONSE.replace('<samlp:Status>', '<samlp:Extra/><samlp:Status>'), /element Extra: .*This element is not expected/],
      ];
      for (const [what, xml, reason] of cases) {
        const ours = await validateSamlMessage(xml).then((ok) => ({ ok, error: '' }), (e: Error) => ({ ok: '', error: e.message }));
        expect(ours.ok === 'SUCCESS_VALIDATE_XML', `${what}: ${ours.error}`).toBe(xmllintAccepts(xml, folder));
        if (reason) expect(ours.error, what).toMatch(reason);
        else expect(ours, what).toEqual({ ok: 'SUCCESS_VALIDATE_XML', error: '' });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
