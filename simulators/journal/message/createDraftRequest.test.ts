import { test, expect } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import {
  CORE_NS,
  CREATE_DRAFT_RESPONDER_NS,
  SAMORDNINGSNUMMER_OID,
  TYPES_NS,
} from '../../kit/contracts/contracts.js';
import { soapEnvelopeForTests } from '../../kit/contracts/envelopeForTests.js';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../kit/contracts/xsdValidator.js';
import { buildCreateDraftCertificate, parseCreateDraftCertificateResponse } from './createDraftRequest.js';
import type { CreateDraftInput } from './createDraftRequest.js';

const schemaRoot = requireSchemaRoot();

function input(): CreateDraftInput {
  return {
    typeCode: 'LISJP',
    typeDisplayName: 'Läkarintyg för sjukpenning',
    patient: { personId: '191212121212', fornamn: 'Tolvan', mellannamn: 'Mellan', efternamn: 'Tolvansson' },
    issuedBy: { hsaId: 'TSTNMT2321000156-DRAA', fullName: 'Ajla Doktor' },
    unit: { hsaId: 'TSTNMT2321000156-ALFA', name: 'Alfa Vårdcentral' },
    ref: 'journal-ref-4711',
  };
}

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
}

function expectValidRequest(xml: string): void {
  const result = validateSoapMessage(soapEnvelopeForTests(xml, 'TSTNMT2321000156-ALFA'), 'CreateDraftCertificate', 'request', schemaRoot);
  expect(result.errors).toEqual([]);
}

function response(inner: string): string {
  return `<r:CreateDraftCertificateResponse xmlns:r="${CREATE_DRAFT_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">${inner}</r:CreateDraftCertificateResponse>`;
}

test.describe('CreateDraftCertificate v3 request', () => {
  test('is valid against XSD 3.3 with empty address elements where core:Patient requires them', () => {
    const xml = buildCreateDraftCertificate(input());
    expectValidRequest(xml);
    expect(xml).toContain('<core:mellannamn>Mellan</core:mellannamn><core:postadress></core:postadress><core:postnummer></core:postnummer><core:postort></core:postort></tns:patient>');
    expect(xml).toContain('<tns:typAvIntyg><types:code>LISJP</types:code><types:codeSystem>b64ea353-e8f6-4832-b563-fc7d46f29548</types:codeSystem><types:displayName>Läkarintyg för sjukpenning</types:displayName></tns:typAvIntyg>');
    expect(xml).toContain('<tns:ref>journal-ref-4711</tns:ref></tns:intyg>');
  });

  test('3.3 forifyllnad: svar in the 3.3 namespace, instans and delsvar in core, valid against XSD 3.3', () => {
    const xml = buildCreateDraftCertificate({
      ...input(),
      forifyllnad: [
        { id: '1', instans: 1, delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001' } } }, { id: '1.2', value: '2026-03-02' }] },
        { id: '32', instans: 1, delsvar: [{ id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } }] },
        { id: '35', delsvar: [{ id: '35.1', value: 'Hosta & feber' }] },
      ],
    });
    expectValidRequest(xml);
    expect(xml).toContain('<tns:ref>journal-ref-4711</tns:ref><m3:forifyllnad><m3:svar id="1"><core:instans>1</core:instans><core:delsvar id="1.1"><types:cv>');
    expect(xml).toContain('<m3:svar id="35"><core:delsvar id="35.1">Hosta &amp; feber</core:delsvar></m3:svar></m3:forifyllnad></tns:intyg>');
  });

  test('samordningsnummer, address, no ref, and text needing escaping', () => {
    const draft = input();
    delete draft.ref;
    delete draft.typeDisplayName;
    draft.typeCode = 'DB';
    draft.patient = {
      personId: '197010632391', fornamn: 'Åke & "Ö"', efternamn: '<Ärlig>', postadress: 'Gränd 1', postnummer: '11122', postort: 'Åby',
    };
    const xml = buildCreateDraftCertificate(draft);
    expectValidRequest(xml);
    expect(xml).toContain(`<types:root>${SAMORDNINGSNUMMER_OID}</types:root><types:extension>197010632391</types:extension>`);
    expect(xml).toContain('<core:fornamn>Åke &amp; &quot;Ö&quot;</core:fornamn><core:efternamn>&lt;Ärlig&gt;</core:efternamn>');
    expect(xml).not.toContain('<tns:ref>');
    expect(xml).not.toContain('mellannamn');
  });
});

test.describe('CreateDraftCertificate v3 response reading', () => {
  test('OK with the new draft id', () => {
    const xml = response('<r:intygs-id><types:root>TSTNMT2321000156-ALFA</types:root><types:extension>new-id-1</types:extension></r:intygs-id><r:result><core:resultCode>OK</core:resultCode></r:result>');
    expect(validateSoapMessage(soapEnvelopeForTests(xml), 'CreateDraftCertificate', 'response', schemaRoot).errors).toEqual([]);
    expect(parseCreateDraftCertificateResponse(parse(xml))).toEqual({
      resultCode: 'OK', certificateId: 'new-id-1', unitHsaId: 'TSTNMT2321000156-ALFA',
    });
  });

  test('ERROR with errorId and text, and INFO with a warning', () => {
    const error = response('<r:result><core:resultCode>ERROR</core:resultCode><core:resultText>No valid MIU</core:resultText><core:errorId>VALIDATION_ERROR</core:errorId></r:result>');
    expect(validateSoapMessage(soapEnvelopeForTests(error), 'CreateDraftCertificate', 'response', schemaRoot).errors).toEqual([]);
    expect(parseCreateDraftCertificateResponse(parse(error))).toEqual({
      resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'No valid MIU',
    });
    const info = response('<r:intygs-id><types:root>U</types:root><types:extension>id2</types:extension></r:intygs-id><r:result><core:resultCode>INFO</core:resultCode><core:resultText>Det finns redan ett intyg</core:resultText></r:result>');
    expect(parseCreateDraftCertificateResponse(parse(info))).toMatchObject({ resultCode: 'INFO', resultText: 'Det finns redan ett intyg', certificateId: 'id2' });
  });

  test('another element or a missing result is refused clearly', () => {
    expect(() => parseCreateDraftCertificateResponse(parse(buildCreateDraftCertificate(input()))))
      .toThrow(/Expected element \{.*\}CreateDraftCertificateResponse, got \{.*\}CreateDraftCertificate\./);
    expect(() => parseCreateDraftCertificateResponse(parse(response(''))))
      .toThrow(/result\/resultCode is missing|element result is missing/);
  });
});
