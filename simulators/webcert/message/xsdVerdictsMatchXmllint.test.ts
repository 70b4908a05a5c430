/**
 * The kit's resident validator (libxml2 in WebAssembly) against the `xmllint` command (the host's
 * libxml2, the validator before 0030): the same verdict and errors naming the same elements for
 * real messages Webcert builds, valid and broken in the ways a party gets them wrong.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { CONTRACTS, LOGICAL_ADDRESS_XSD_PATH } from '../../kit/contracts/contracts.js';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateXml } from '../../kit/contracts/xsdValidator.js';
import { SUMMER_MS, WINTER_MS, lisjpDraft, signedDb, testDoctor, testUnit } from './certificateFixtures.js';
import { buildRegisterCertificate, buildRevokeCertificate, buildSendCertificateToRecipient } from './intygstjanstMessages.js';
import { buildCertificateStatusUpdate } from './statusUpdateMessage.js';

const schemaRoot = requireSchemaRoot();
const xsdOf = (path: string) => `${schemaRoot}/${path}`;

/** What xmllint says: its verdict and the elements its errors name (`-:1: element X: ...`). */
function xmllintVerdict(xml: string, xsd: string): { valid: boolean; elements: string[]; errors: string[] } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], { input: xml, encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint could not be run (apt-get install libxml2-utils): ${run.error.message}`);
  expect([0, 1, 3], `xmllint exit for ${xsd}: ${run.stderr}`).toContain(run.status);
  const errors = run.stderr.split('\n').filter((l) => /^-:\d+: /.test(l));
  return { valid: run.status === 0, elements: namedElements(errors), errors };
}

function namedElements(errors: readonly string[]): string[] {
  return errors.map((e) => /^-:\d+: element ([\w.-]+):/.exec(e)?.[1] ?? '(none)');
}

/** Ways a message goes wrong: each turns a valid message into one the XSD refuses. */
const BREAKAGES: ReadonlyArray<[string, (xml: string) => string]> = [
  ['an attribute the contract does not have', (x) => x.replace(/^<(\w+):(\w+) /, '<$1:$2 bogus="1" ')],
  ['a whole element out of order', (x) => x.replace(/(<types:root>[^<]*<\/types:root>)(<types:extension>[^<]*<\/types:extension>)/, '$2$1')],
  ['a required element left out', (x) => x.replace(/<types:extension>[^<]*<\/types:extension>/, '')],
  ['an element the contract does not have', (x) => x.replace(/(<types:root>)/, '<types:unknown>x</types:unknown>$1')],
  ['a date that is not a date', (x) => x.replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/, '$1 at $2')],
  ['the wrong root element', (x) => x.replace(/^<(\w+):(\w+)/, '<$1:$2Wrong').replace(/<\/(\w+):(\w+)>$/, '</$1:$2Wrong>')],
];

function messages(): Array<[string, string, string]> {
  const by = { staff: testDoctor(), unit: testUnit() };
  const signed = signedDb();
  return [
    ['CertificateStatusUpdateForCare (LISJP draft, ANDRAT)', buildCertificateStatusUpdate({ certificate: lisjpDraft(), eventCode: 'ANDRAT', eventTime: WINTER_MS, handledBy: 'TSTNMT2321000156-DRAA' }), CONTRACTS.CertificateStatusUpdateForCare.xsdPath],
    ['CertificateStatusUpdateForCare (DB, SIGNAT)', buildCertificateStatusUpdate({ certificate: signed, eventCode: 'SIGNAT', eventTime: SUMMER_MS }), CONTRACTS.CertificateStatusUpdateForCare.xsdPath],
    ['RegisterCertificate (DB)', buildRegisterCertificate(signed), CONTRACTS.RegisterCertificate.xsdPath],
    ['SendCertificateToRecipient', buildSendCertificateToRecipient(signed, 'SKV', by, SUMMER_MS), CONTRACTS.SendCertificateToRecipient.xsdPath],
    ['RevokeCertificate', buildRevokeCertificate(signed, by, SUMMER_MS, 'Fel patient'), CONTRACTS.RevokeCertificate.xsdPath],
  ];
}

test.describe('libxml2 in the process gives xmllint\'s verdicts', () => {
  test('real messages Webcert builds, valid and broken: same verdict, errors naming the same elements', () => {
    let compared = 0;
    let refused = 0;
    for (const [what, valid, xsdPath] of messages()) {
      const xsd = xsdOf(xsdPath);
      const cases: Array<[string, string]> = [[what, valid], ...BREAKAGES.map(([how, breakIt]): [string, string] => [`${what}, ${how}`, breakIt(valid)])];
      for (const [name, xml] of cases) {
        const ours = validateXml(xml, xsd);
        const theirs = xmllintVerdict(xml, xsd);
        expect({ valid: ours.valid, elements: namedElements(ours.errors) }, `${name}\nxmllint: ${theirs.errors.join('\n')}\nours: ${ours.errors.join('\n')}`)
          .toEqual({ valid: theirs.valid, elements: theirs.elements });
        compared++;
        if (!theirs.valid) refused++;
      }
      expect(validateXml(valid, xsd), what).toEqual({ valid: true, errors: [] });
    }
    // The comparison covers both verdicts: each message valid, every breakage refused.
    expect(compared).toBe(messages().length * (BREAKAGES.length + 1));
    expect(refused).toBe(messages().length * BREAKAGES.length);
  });

  test('the LogicalAddress header and a document no contract has: same verdict and reason', () => {
    const xsd = xsdOf(LOGICAL_ADDRESS_XSD_PATH);
    const address = (text: string) => `<itr:LogicalAddress xmlns:itr="urn:riv:itintegration:registry:1">${text}</itr:LogicalAddress>`;
    for (const xml of [address('TSTNMT2321000156-ALFA'), address(''), '<itr:LogicalAddres xmlns:itr="urn:riv:itintegration:registry:1"/>', '<a><b></a>']) {
      const ours = validateXml(xml, xsd);
      const theirs = xmllintVerdict(xml, xsd);
      expect(ours.valid, xml).toBe(theirs.valid);
      if (!theirs.valid) {
        const reason = (lines: readonly string[]) => lines.map((l) => l.replace(/^-:\d+: (element [\w.-]+: )?/, '').replace(/^(\S+ error) :\s*/, '$1: ').slice(0, 40));
        expect(reason(ours.errors).slice(0, 1), xml).toEqual(reason(theirs.errors).slice(0, 1));
      }
    }
  });
});
