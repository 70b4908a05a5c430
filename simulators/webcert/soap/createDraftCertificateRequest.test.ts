/**
 * CreateDraftCertificate on the lean path: the request read from the bounded scan's fields equals
 * the DOM reading, field for field (forifyllnad from the DOM), and so do the facts; whatever the
 * scan leaves undecided goes to the DOM reading, which gives Webcert's refusals as before.
 */
import { test, expect } from '@playwright/test';
import { CORE_EXT_3_3_NS } from '../../kit/contracts/namespaces.js';
import { buildEnvelope, readEnvelope } from '../../kit/soap/envelope.js';
import { envelopePlan, scanEnvelope } from '../../kit/soap/envelopeScan.js';
import { mutate, seededRandom } from '../../kit/soap/testing/scanEquivalence.js';
import { DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH, readXmlSafely } from '../../kit/xml/safeXml.js';
import {
  CREATE_DRAFT_FIELDS,
  CREATE_DRAFT_NS,
  createDraftFacts,
  createDraftFactsFromFields,
  createDraftRequestFromFields,
  readCreateDraftRequest,
} from './createDraftCertificateRequest.js';

const CORE = 'urn:riv:clinicalprocess:healthcond:certificate:3';
const TYPES = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';
const UNIT = 'TSTNMT2321000156-1077';
const plan = envelopePlan({ requestNs: CREATE_DRAFT_NS, requestElement: 'CreateDraftCertificate', requireLogicalAddress: true, maxBytes: DEFAULT_MAX_XML_BYTES, maxDepth: DEFAULT_MAX_XML_DEPTH, fields: CREATE_DRAFT_FIELDS });

const FORIFYLLNAD =
  `<m3:forifyllnad xmlns:m3="${CORE_EXT_3_3_NS}"><m3:svar id="6"><core:delsvar id="6.1">Akut bronkit</core:delsvar><core:delsvar id="6.2">J20</core:delsvar></m3:svar></m3:forifyllnad>`;
const request = (intyg: string) => buildEnvelope(`<tns:CreateDraftCertificate xmlns:tns="${CREATE_DRAFT_NS}" xmlns:core="${CORE}" xmlns:types="${TYPES}"><tns:intyg>${intyg}</tns:intyg></tns:CreateDraftCertificate>`, UNIT);
const TYP = '<tns:typAvIntyg><types:code>LISJP</types:code><types:codeSystem>b64ea353-e8f6-4832-b563-fc7d46f29548</types:codeSystem></tns:typAvIntyg>';
const PATIENT =
  '<tns:patient><core:person-id><types:root>1.2.752.129.2.1.3.1</types:root><types:extension>191212121212</types:extension></core:person-id>' +
  '<core:fornamn>Tolvan</core:fornamn><core:efternamn>Tolvansson</core:efternamn><core:postadress>Svensson, Storgatan 1, PL 1234</core:postadress><core:postnummer>12345</core:postnummer><core:postort>Småmåla</core:postort></tns:patient>';
const SKAPAD_AV =
  '<tns:skapadAv><tns:personal-id><types:root>1.2.752.129.2.1.4.1</types:root><types:extension>TSTNMT2321000156-1079</types:extension></tns:personal-id>' +
  `<tns:fullstandigtNamn>Arnold Johansson</tns:fullstandigtNamn><tns:enhet><tns:enhets-id><types:root>1.2.752.129.2.1.4.1</types:root><types:extension>${UNIT}</types:extension></tns:enhets-id><tns:enhetsnamn>Vårdcentralen</tns:enhetsnamn></tns:enhet></tns:skapadAv>`;
const VALID = request(`${TYP}${PATIENT}${SKAPAD_AV}<tns:ref>load-1</tns:ref>`);

/** Both readings of one request; undefined when the scan leaves it to the DOM. */
function bothReadings(xml: string) {
  const scanned = scanEnvelope(Buffer.from(xml), plan);
  if (scanned.kind === 'undecided') return undefined;
  const { payload, logicalAddress } = readEnvelope(readXmlSafely(xml).doc);
  let domAsked = false;
  const lean = createDraftRequestFromFields(scanned.fields, () => {
    domAsked = true;
    return payload;
  });
  return {
    lean: { request: lean, facts: createDraftFactsFromFields(scanned.fields, scanned.logicalAddress) },
    dom: { request: readCreateDraftRequest(payload), facts: createDraftFacts(payload, logicalAddress) },
    domAsked,
  };
}

/** The DOM reading leaves absent fields out or undefined; compared as JSON, both read alike. */
const same = (r: NonNullable<ReturnType<typeof bothReadings>>) => expect(JSON.stringify(r.lean)).toBe(JSON.stringify(r.dom));

test.describe('CreateDraftCertificate read from the lean scan', () => {
  test('a full request, odd spacing, missing parts and repeated elements read as the DOM reads them', () => {
    const variants = [
      VALID,
      request(`${TYP}${PATIENT.replace('Tolvan<', '  Tolvan &amp; Co\n<').replace('<core:efternamn>', '<core:mellannamn> Mellan </core:mellannamn><core:efternamn>')}${SKAPAD_AV}`),
      request(`${PATIENT}${SKAPAD_AV}`),
      request(`${TYP}${SKAPAD_AV}`),
      request(`${TYP}${PATIENT}`),
      request(`${TYP}${PATIENT}${SKAPAD_AV.replace('<tns:enhet>', '<tns:enhet/><tns:enhet>')}${PATIENT.replace('Tolvan', 'Andra')}`),
      request(`${TYP}${PATIENT}${SKAPAD_AV}<tns:ref></tns:ref>`),
      VALID.replace(/<tns:intyg>.*<\/tns:intyg>/, ''),
      VALID.replace('<types:extension>191212121212', '<types:extension>19121212-1212'),
    ];
    for (const xml of variants) {
      const readings = bothReadings(xml);
      expect(readings, xml).toBeDefined();
      same(readings!);
      expect(readings!.domAsked).toBe(false);
    }
    expect(bothReadings(VALID)!.lean.request).toMatchObject({ typeCode: 'LISJP', personId: '191212121212', unitHsaId: UNIT, staffFullName: 'Arnold Johansson', ref: 'load-1' });
  });

  test('forifyllnad is read from the DOM, only when the request has one', () => {
    const readings = bothReadings(request(`${TYP}${PATIENT}${SKAPAD_AV}${FORIFYLLNAD}`))!;
    same(readings);
    expect(readings.domAsked).toBe(true);
    expect(readings.lean.request.forifyllnad).toHaveLength(1);
  });

  test('2,000 mutated requests: whatever the scan reads gives the DOM reading', () => {
    const random = seededRandom(20261202);
    const seeds = [VALID, request(`${TYP}${PATIENT}${SKAPAD_AV}${FORIFYLLNAD}`)];
    const counts = { read: 0, undecided: 0 };
    for (let i = 0; i < 2000; i++) {
      let xml = seeds[i % seeds.length]!;
      for (let m = random() < 0.7 ? 1 : 2; m > 0; m--) xml = mutate(xml, random);
      let readings: ReturnType<typeof bothReadings>;
      try {
        readings = bothReadings(xml);
      } catch (error) {
        throw new Error(`the scan read a request the DOM reading refuses (${(error as Error).message}): ${xml}`);
      }
      if (!readings) {
        counts.undecided++;
        continue;
      }
      counts.read++;
      same(readings);
    }
    expect(counts.read).toBeGreaterThan(300);
    expect(counts.undecided).toBeGreaterThan(300);
  });
});
