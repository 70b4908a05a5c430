import { test, expect } from '@playwright/test';
import { authContextExtensionValue, readAuthContextExtensionValue, samlAuthContextXml } from '../signer/authContextExtension.js';
import { signMessageText } from '../web/pages.js';
import { SIGNATURE_ALGORITHMS } from './dssNames.js';
import { versionAtLeast } from './signRequestRules.js';
import { checkToBeSignedSignedInfo } from './toBeSignedSignedInfo.js';
import { parseXsDateTime } from './xsDateTime.js';
import { decodeSignRequest } from './signRequestReader.js';
import { RequestRefused } from './dssProblems.js';

test.describe('signing service pieces', () => {
  test('versions compare numerically; times with offset, Z or no zone (UTC) are read; others are not', () => {
    expect(versionAtLeast('1.4', '1.4')).toBe(true);
    expect(versionAtLeast('1.10', '1.4')).toBe(true);
    expect(versionAtLeast('1.1', '1.4')).toBe(false);
    expect(parseXsDateTime('2026-05-04T10:00:00.123+02:00')).toBe(Date.parse('2026-05-04T08:00:00.123Z'));
    expect(parseXsDateTime('2026-05-04T08:00:00')).toBe(Date.parse('2026-05-04T08:00:00Z'));
    expect(parseXsDateTime('4 May 2026')).toBeUndefined();
  });

  test('the sign message is shown as text: markup from the requester never reaches the page as markup', () => {
    expect(signMessageText('<p>Intyg för <b>19121212-1212</b></p><script>alert(1)</script>', 'text/html', false)).toBe('Intyg för 19121212-1212\nalert(1)');
    expect(signMessageText('a < b', 'text', false)).toBe('a < b');
    expect(signMessageText(undefined, 'text', true)).toContain('krypterat');
  });

  test('ToBeSignedBytes must be a SignedInfo with the requested method and a Reference', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const ds = 'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"';
    expect(checkToBeSignedSignedInfo(b64(`<ds:SignedInfo ${ds}><ds:SignatureMethod Algorithm="${SIGNATURE_ALGORITHMS.ecdsaSha256}"></ds:SignatureMethod><ds:Reference URI=""></ds:Reference></ds:SignedInfo>`), SIGNATURE_ALGORITHMS.ecdsaSha256)).toBeUndefined();
    expect(checkToBeSignedSignedInfo(b64(`<ds:SignedInfo ${ds}><ds:SignatureMethod Algorithm="${SIGNATURE_ALGORITHMS.ecdsaSha256}"></ds:SignatureMethod></ds:SignedInfo>`), SIGNATURE_ALGORITHMS.ecdsaSha256)).toMatch(/no ds:Reference/);
    expect(checkToBeSignedSignedInfo(b64('<intyg/>'), SIGNATURE_ALGORITHMS.ecdsaSha256)).toMatch(/must carry the canonical ds:SignedInfo/);
    expect(checkToBeSignedSignedInfo('not base64', SIGNATURE_ALGORITHMS.ecdsaSha256)).toMatch(/not valid base64/);
  });

  test('undecodable EidSignRequest values are refused with a reason', () => {
    expect(() => decodeSignRequest(undefined)).toThrow(RequestRefused);
    expect(() => decodeSignRequest('abc')).toThrow(/not valid base64/);
  });

  test('the RFC 7773 extension carries one SAML auth context that reads back', () => {
    const ctx = {
      identityProvider: 'https://idp.test/saml/sign/sithseid-same-device',
      authenticationInstant: '2026-05-04T08:00:00.000Z',
      authnContextClassRef: 'http://id.sambi.se/loa/loa3',
      assertionRef: '_abc',
      attributeMappings: [{ type: 'rdn' as const, ref: '2.5.4.5', attributeName: 'http://sambi.se/attributes/1/employeeHsaId', friendlyName: 'serialNumber', values: ['TSTNMT2321000156-1079'] }],
    };
    const [read] = readAuthContextExtensionValue(authContextExtensionValue(ctx));
    expect(read).toEqual({ contextType: 'http://id.elegnamnden.se/auth-cont/1.0/saci', contextInfo: samlAuthContextXml(ctx) });
    expect(read?.contextInfo).toContain('<saci:AuthContextInfo IdentityProvider="https://idp.test/saml/sign/sithseid-same-device"');
  });
});
