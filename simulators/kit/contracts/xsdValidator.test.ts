import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test.describe('XSD validation with libxml2', () => {
  test('a valid document validates; an invalid one returns libxml2\'s messages naming the element', () => {
    const xsd = join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath);
    expect(validateXml(OK_RESPONSE, xsd)).toEqual({ valid: true, errors: [] });
    const bad = validateXml(OK_RESPONSE.replace('>OK<', '>FINE<'), xsd);
    expect(bad).toEqual({
      valid: false,
      errors: [
        "-:1: element resultCode: Schemas validity error : Element '{urn:riv:clinicalprocess:healthcond:certificate:3}resultCode': " +
          "[facet 'enumeration'] The value 'FINE' is not an element of the set {'OK', 'INFO', 'ERROR'}.",
      ],
    });
  });

  test('the same XSD validates many documents, each with its own verdict and its own copy of the errors', () => {
    const xsd = join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath);
    const bad = OK_RESPONSE.replace('>OK<', '>FINE<');
    const first = validateXml(bad, xsd);
    first.errors.push('changed by the caller');
    const second = validateXml(bad, xsd);
    expect(second.valid).toBe(false);
    expect(second.errors).not.toContain('changed by the caller');
    expect(second.errors.join('\n')).toMatch(/'FINE' is not an element of the set/);
    expect(validateXml(OK_RESPONSE, xsd)).toEqual({ valid: true, errors: [] });
    expect(validateXml(OK_RESPONSE.replace('>OK<', '>ERROR<'), xsd)).toEqual({ valid: true, errors: [] });
  });

  test('an XSD changed on disk is compiled again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    try {
      const xsd = join(dir, 'one.xsd');
      const schema = (type: string) =>
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="n" type="xs:${type}"/></xs:schema>`;
      writeFileSync(xsd, schema('int'));
      expect(validateXml('<n>x</n>', xsd).valid).toBe(false);
      writeFileSync(xsd, schema('string'));
      utimesSync(xsd, new Date(), new Date(Date.now() + 5_000));
      expect(validateXml('<n>x</n>', xsd)).toEqual({ valid: true, errors: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an XSD the main one imports, changed on disk, is compiled again with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    try {
      const main = join(dir, 'main.xsd');
      const imported = join(dir, 'types.xsd');
      writeFileSync(
        main,
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:types"><xs:import namespace="urn:types" schemaLocation="types.xsd"/>' +
          '<xs:element name="n" type="t:Value"/></xs:schema>',
      );
      const types = (base: string) =>
        `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:types"><xs:simpleType name="Value"><xs:restriction base="xs:${base}"/></xs:simpleType></xs:schema>`;
      writeFileSync(imported, types('int'));
      expect(validateXml('<n>x</n>', main).valid).toBe(false);
      // Only the imported XSD changes; the main one keeps its modification time.
      writeFileSync(imported, types('string'));
      utimesSync(imported, new Date(), new Date(Date.now() + 5_000));
      expect(validateXml('<n>x</n>', main)).toEqual({ valid: true, errors: [] });
      // And an imported XSD that is gone makes the set-up problem show, not the old schema.
      rmSync(imported);
      expect(() => validateXml('<n>x</n>', main)).toThrow(/main\.xsd does not compile with libxml2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('not well-formed XML is reported, not thrown', () => {
    const result = validateXml('<a><b></a>', join(schemaRoot, CONTRACTS.CreateDraftCertificate.xsdPath));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/parser error : Opening and ending tag mismatch/);
  });

  test('set-up problems throw with what to do: XSD missing, not compiling, an import missing', () => {
    expect(() => validateXml('<a/>', '/nowhere/x.xsd')).toThrow(/XSD not found at \/nowhere\/x\.xsd/);
    const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
    try {
      const broken = join(dir, 'broken.xsd');
      writeFileSync(broken, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="n" type="xs:nothing"/></xs:schema>');
      expect(() => validateXml('<n/>', broken)).toThrow(/XSD .*broken\.xsd does not compile with libxml2: .*nothing/);
      const importing = join(dir, 'importing.xsd');
      writeFileSync(
        importing,
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other"><xs:import namespace="urn:other" schemaLocation="missing.xsd"/>' +
          '<xs:element name="n" type="o:T"/></xs:schema>',
      );
      expect(() => validateXml('<n/>', importing)).toThrow(/importing\.xsd does not compile with libxml2: .*schema copy is complete/);
      // Nothing comes from the network: an import by http URL is not fetched.
      const remote = join(dir, 'remote.xsd');
      writeFileSync(
        remote,
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other"><xs:import namespace="urn:other" schemaLocation="http://127.0.0.1:9/o.xsd"/>' +
          '<xs:element name="n" type="o:T"/></xs:schema>',
      );
      expect(() => validateXml('<n/>', remote)).toThrow(/remote\.xsd does not compile with libxml2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
