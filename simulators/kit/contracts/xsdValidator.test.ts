import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { CONTRACTS, CORE_NS, CREATE_DRAFT_RESPONDER_NS, SOAP11_ENVELOPE_NS, TYPES_NS } from './contracts.js';
import { soapEnvelopeForTests } from './envelopeForTests.js';
import { requireSchemaRoot } from './schemaRoot.js';
import { validateSoapMessage, validateXml } from './xsdValidator.js';

const schemaRoot = requireSchemaRoot();

const OK_RESPONSE =
  `<r:CreateDraftCertificateResponse xmlns:r="${CREATE_DRAFT_RESPONDER_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
  '<r:intygs-id><types:root>UNIT-1</types:root><types:extension>abc</types:extension></r:intygs-id>' +
  '<r:result><core:resultCode>OK</core:resultCode></r:result></r:CreateDraftCertificateResponse>';

test.describe('xmllint validation', () => {
  test('a valid document validates; an invalid one returns xmllint\'s messages', () => {
    const xsd = join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath);
    expect(validateXml(OK_RESPONSE, xsd)).toEqual({ valid: true, errors: [] });
    const bad = validateXml(OK_RESPONSE.replace('>OK<', '>FINE<'), xsd);
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/resultCode.*'FINE' is not an element of the set/);
  });

  test('a small document validated again gets the same verdict, valid or not, and its own copy of the errors', () => {
    const xsd = join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath);
    const bad = OK_RESPONSE.replace('>OK<', '>FINE<');
    expect(bad.length).toBeLessThan(512);
    const first = validateXml(bad, xsd);
    first.errors.push('changed by the caller');
    const second = validateXml(bad, xsd);
    expect(second.valid).toBe(false);
    expect(second.errors).not.toContain('changed by the caller');
    expect(second.errors.join('\n')).toMatch(/'FINE' is not an element of the set/);
    expect(validateXml(OK_RESPONSE, xsd)).toEqual({ valid: true, errors: [] });
    expect(validateXml(OK_RESPONSE, xsd)).toEqual({ valid: true, errors: [] });
  });

  test('not well-formed XML is reported, not thrown', () => {
    const result = validateXml('<a><b></a>', join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/mismatch/i);
  });

  test('set-up problems throw with what to do', () => {
    expect(() => validateXml('<a/>', '/nowhere/x.xsd')).toThrow(/XSD not found at \/nowhere\/x\.xsd/);
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent-bin';
    try {
      expect(() => validateXml('<a/>', join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath)))
        .toThrow(/apt-get install libxml2-utils/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

test.describe('SOAP message validation', () => {
  test('a response needs no LogicalAddress; namespaces declared only on the envelope still resolve', () => {
    expect(validateSoapMessage(soapEnvelopeForTests(OK_RESPONSE), 'CreateDraftCertificate', 'response', schemaRoot))
      .toEqual({ valid: true, errors: [] });
    // Prefixes r, core, types and xsi (used in an xsi:type value) are declared only on Envelope.
    const envelope =
      `<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}" xmlns:r="${CREATE_DRAFT_RESPONDER_NS}" ` +
      `xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      '<soap:Body><r:CreateDraftCertificateResponse><r:result xsi:type="core:ResultType">' +
      '<core:resultCode>ERROR</core:resultCode><core:resultText>Nej</core:resultText>' +
      '<core:errorId>VALIDATION_ERROR</core:errorId></r:result></r:CreateDraftCertificateResponse></soap:Body></soap:Envelope>';
    expect(validateSoapMessage(envelope, 'CreateDraftCertificate', 'response', schemaRoot)).toEqual({ valid: true, errors: [] });
  });

  test('SOAP faults, SOAP 1.2, extra body elements and broken XML are reported', () => {
    const fault =
      `<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>` +
      '<faultstring>Unmarshalling Error: boom</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    expect(validateSoapMessage(fault, 'CreateDraftCertificate', 'response', schemaRoot).errors)
      .toEqual([expect.stringMatching(/SOAP Fault: Unmarshalling Error: boom, expected .*CreateDraftCertificateResponse/)]);
    const soap12 = soapEnvelopeForTests(OK_RESPONSE).replace(SOAP11_ENVELOPE_NS, 'http://www.w3.org/2003/05/soap-envelope');
    expect(validateSoapMessage(soap12, 'CreateDraftCertificate', 'response', schemaRoot).errors)
      .toEqual([expect.stringMatching(/expected a SOAP 1\.1/)]);
    const two = soapEnvelopeForTests(OK_RESPONSE + OK_RESPONSE);
    expect(validateSoapMessage(two, 'CreateDraftCertificate', 'response', schemaRoot).errors)
      .toEqual(['soap:Body must hold exactly one element, found 2.']);
    const broken = validateSoapMessage('<soap:Envelope', 'CreateDraftCertificate', 'response', schemaRoot);
    expect(broken.valid).toBe(false);
    expect(broken.errors[0]).toMatch(/^SOAP message cannot be read: XML document is not well-formed: /);
    // The validator reads through the kit's guarded parser: no DTD, no unbounded nesting.
    const deep = soapEnvelopeForTests(`<a>${'<b>'.repeat(200)}${'</b>'.repeat(200)}</a>`);
    expect(validateSoapMessage(deep, 'CreateDraftCertificate', 'response', schemaRoot).errors)
      .toEqual([expect.stringMatching(/^SOAP message cannot be read: XML document nests elements deeper than 100 levels/)]);
  });

  test('a request needs a non-empty LogicalAddress header', () => {
    const request = `<r:CreateDraftCertificate xmlns:r="${CREATE_DRAFT_RESPONDER_NS}"/>`;
    const result = validateSoapMessage(soapEnvelopeForTests(request, ''), 'CreateDraftCertificate', 'request', schemaRoot);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(/Missing child element\(s\)\. Expected is .*intyg/));
    expect(result.errors).toContainEqual(expect.stringMatching(/LogicalAddress header is empty/));
  });
});
