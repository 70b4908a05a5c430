import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONTRACTS,
  LOGICAL_ADDRESS_XSD_PATH,
  SAMORDNINGSNUMMER_OID,
  PERSONNUMMER_OID,
  contractByElement,
  contractByName,
  personIdRoot,
} from './contracts.js';
import { requireSchemaRoot } from './schemaRoot.js';

const schemaRoot = requireSchemaRoot();

test.describe('RIV-TA contract table', () => {
  test('CertificateStatusUpdateForCare v3 is addressed as Webcert does', () => {
    expect(CONTRACTS.CertificateStatusUpdateForCare).toMatchObject({
      majorVersion: 3,
      schemaVersion: '3.2',
      responderNamespace: 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3',
      requestElement: 'CertificateStatusUpdateForCare',
      responseElement: 'CertificateStatusUpdateForCareResponse',
      soapAction: 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3:CertificateStatusUpdateForCare',
      endpointPath: '/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21',
    });
    expect(CONTRACTS.RevokeCertificate.endpointPath).toBe('/clinicalprocess/healthcond/certificate/RevokeCertificate/2/rivtabp21');
    expect(CONTRACTS.SendCertificateToRecipient).toMatchObject({
      soapAction: 'urn:riv:clinicalprocess:healthcond:certificate:SendCertificateToRecipientResponder:2:SendCertificateToRecipient',
      xsdPath: 'rivta/clinicalprocess-healthcond-certificate/schemas/interactions/SendCertificateToRecipientInteraction/SendCertificateToRecipientResponder_2.1.xsd',
    });
  });

  test('every XSD and WSDL exists, the XSD declares the responder namespace and the WSDL the soapAction', () => {
    expect(existsSync(join(schemaRoot, LOGICAL_ADDRESS_XSD_PATH))).toBe(true);
    for (const c of Object.values(CONTRACTS)) {
      const xsd = readFileSync(join(schemaRoot, c.xsdPath), 'utf8');
      expect(xsd, c.xsdPath).toMatch(new RegExp(`targetNamespace=['"]${c.responderNamespace}['"]`));
      expect(xsd).toMatch(new RegExp(`name=['"]${c.requestElement}['"]`));
      expect(xsd).toMatch(new RegExp(`name=['"]${c.responseElement}['"]`));
      const wsdl = readFileSync(join(schemaRoot, c.wsdlPath), 'utf8');
      expect(wsdl, c.wsdlPath).toContain(`soapAction='${c.soapAction}'`);
      expect(wsdl).toContain(`${c.name}Responder_${c.schemaVersion}.xsd`);
    }
  });

  test('lookups by name and by element', () => {
    expect(contractByName('RegisterCertificate').schemaVersion).toBe('3.1');
    expect(() => contractByName('GetCertificate')).toThrow(/Unknown RIV-TA contract "GetCertificate".*CreateDraftCertificate/);
    expect(contractByElement(CONTRACTS.CreateDraftCertificate.responderNamespace, 'CreateDraftCertificateResponse'))
      .toEqual({ contract: CONTRACTS.CreateDraftCertificate, which: 'response' });
    expect(contractByElement('urn:other', 'CreateDraftCertificate')).toBeUndefined();
  });

  test('person id root: samordningsnummer for day digits 61–91', () => {
    expect(personIdRoot('191212121212')).toBe(PERSONNUMMER_OID);
    expect(personIdRoot('197010632391')).toBe(SAMORDNINGSNUMMER_OID);
    expect(personIdRoot('197010912391')).toBe(SAMORDNINGSNUMMER_OID);
    expect(personIdRoot('197010602391')).toBe(PERSONNUMMER_OID);
    expect(personIdRoot('197010922391')).toBe(PERSONNUMMER_OID);
  });
});
