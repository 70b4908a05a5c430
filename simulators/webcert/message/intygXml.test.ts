import { test, expect } from '@playwright/test';
import { CONTRACTS, CORE_NS, KV_UTLATANDETYP, STATUS_UPDATE_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateXml } from '../../kit/contracts/xsdValidator.js';
import { SUMMER_MS, WINTER_MS, lisjpDraft, signedDb } from './certificateFixtures.js';
import { buildIntygXml } from './intygXml.js';
import { buildCertificateStatusUpdate } from './statusUpdateMessage.js';

const schemaRoot = requireSchemaRoot();
const xsd = (): string => `${schemaRoot}/${CONTRACTS.CertificateStatusUpdateForCare.xsdPath}`;

/** A status update whose intyg is replaced by `intyg`. */
function withIntyg(intyg: string): string {
  return buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SIGNAT', eventTime: SUMMER_MS })
    .replace(/<tns:intyg>.*<\/tns:intyg>/, intyg);
}

test.describe('intyg element', () => {
  test('a standalone fragment with relations and statuses is valid in place', () => {
    const intyg = buildIntygXml(signedDb(), {
      elementNamespace: STATUS_UPDATE_RESPONDER_NS,
      elementPrefix: 'x',
      relations: [{ code: 'ERSATT', certificateId: 'older-id' }],
      statuses: [{ part: 'SKV', status: 'SENTTO', time: SUMMER_MS }],
    });
    expect(intyg.startsWith(`<x:intyg xmlns:x="${STATUS_UPDATE_RESPONDER_NS}" xmlns:core="${CORE_NS}"`)).toBe(true);
    expect(intyg).toContain('<core:relation><core:typ><types:code>ERSATT</types:code><types:codeSystem>c2362fcd-eda0-4f9a-bd13-b3bbaf7f2146</types:codeSystem><types:displayName>Ersätter</types:displayName></core:typ><core:intygs-id><types:root>TSTNMT2321000156-ALFA</types:root><types:extension>older-id</types:extension></core:intygs-id></core:relation>');
    expect(intyg).toContain('<core:tidpunkt>2025-06-16T10:15:30</core:tidpunkt></core:status><core:svar id="1">');
    expect(validateXml(withIntyg(intyg), xsd())).toEqual({ valid: true, errors: [] });
  });

  test('relations pass through the status update builder', () => {
    const xml = buildCertificateStatusUpdate({
      certificate: lisjpDraft(), eventCode: 'SKAPAT', eventTime: WINTER_MS, relations: [{ code: 'FRLANG', certificateId: 'p' }],
    });
    expect(xml).toContain('<types:code>FRLANG</types:code>');
    expect(validateXml(xml, xsd())).toEqual({ valid: true, errors: [] });
  });

  test('a renewal\'s own relation (FRLANG) is in every status update about it, without being passed', () => {
    const renewal = { ...lisjpDraft(), relation: { code: 'FRLANG' as const, certificateId: 'original-id' } };
    const xml = buildCertificateStatusUpdate({ certificate: renewal, eventCode: 'SKAPAT', eventTime: WINTER_MS });
    expect(xml).toContain('<core:relation><core:typ><types:code>FRLANG</types:code><types:codeSystem>c2362fcd-eda0-4f9a-bd13-b3bbaf7f2146</types:codeSystem><types:displayName>Förlänger</types:displayName></core:typ><core:intygs-id><types:root>TSTNMT2321000156-ALFA</types:root><types:extension>original-id</types:extension></core:intygs-id></core:relation>');
    expect(validateXml(xml, xsd())).toEqual({ valid: true, errors: [] });
    expect(buildCertificateStatusUpdate({ certificate: lisjpDraft(), eventCode: 'SKAPAT', eventTime: WINTER_MS })).not.toContain('core:relation');
  });

  test('TS types use the KV utlåtandetyp code system and the issuer display name', () => {
    const certificate = lisjpDraft();
    certificate.typeCode = 'TSTRK1007';
    certificate.typeVersion = '7.0';
    certificate.answers = [];
    const intyg = buildIntygXml(certificate, { elementNamespace: STATUS_UPDATE_RESPONDER_NS });
    expect(intyg).toContain(`<core:typ><types:code>TSTRK1007</types:code><types:codeSystem>${KV_UTLATANDETYP}</types:codeSystem><types:displayName>Transportstyrelsens läkarintyg</types:displayName></core:typ>`);
  });

  test('an intyg element in the core namespace is not what the XSD wants', () => {
    const intyg = buildIntygXml(signedDb(), { elementNamespace: CORE_NS, elementPrefix: 'c' });
    const result = validateXml(withIntyg(intyg), xsd());
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\{urn:riv:clinicalprocess:healthcond:certificate:3\}intyg': This element is not expected/);
  });
});
