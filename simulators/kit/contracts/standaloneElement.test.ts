/**
 * Serialising an element as a document of its own without copying it: the same text as from a
 * deep copy, and the document it came from is left as it was.
 */
import { test, expect } from '@playwright/test';
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { parseXmlSafely } from '../xml/safeXml.js';
import { serializeCopy, serializeStandalone } from './standaloneElement.js';

const ENVELOPE = (payload: string, extra = '') =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:types="urn:types"${extra}>` +
  `<soap:Header/><soap:Body>${payload}</soap:Body></soap:Envelope>`;

const cases = [
  ENVELOPE(`<ns2:RegisterCertificate xmlns:ns2="urn:rc"><ns2:intyg><svar><delsvar xsi:type="types:CVType">x</delsvar></svar><types:a b="1"/></ns2:intyg></ns2:RegisterCertificate>`),
  ENVELOPE(`<ns2:RegisterCertificate xmlns:ns2="urn:rc" xmlns:types="urn:own-types" c="&amp;&lt;"><ns2:intyg>å &amp; ä<x xmlns="urn:d">t</x></ns2:intyg></ns2:RegisterCertificate>`, ' xmlns="urn:default"'),
  ENVELOPE(`<RegisterCertificate xmlns="urn:rc"><intyg xsi:type="types:T"/></RegisterCertificate>`, ' xmlns:rc="urn:rc"'),
  ENVELOPE(`<ns2:RegisterCertificate xmlns:ns2="urn:rc"/>`),
];

test('serializeStandalone gives the text of a deep copy with the inherited declarations, and leaves the document as it was', () => {
  for (const xml of cases) {
    const doc = parseXmlSafely(xml);
    const before = new XMLSerializer().serializeToString(doc);
    const payload = doc.getElementsByTagNameNS('urn:rc', 'RegisterCertificate').item(0) as Element;
    const copied = serializeCopy(payload);
    expect(serializeStandalone(payload), xml).toBe(copied);
    expect(new XMLSerializer().serializeToString(doc), xml).toBe(before);
    // Standalone: it parses on its own, and an xsi:type prefix still resolves.
    const alone = parseXmlSafely(copied).documentElement!;
    if (xml.includes('xsi:type')) expect(alone.lookupNamespaceURI('types')).not.toBeNull();
  }
});
