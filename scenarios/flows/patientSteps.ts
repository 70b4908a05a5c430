/**
 * Steps for the patient scenarios (protected identity, deceased, not found, samordningsnummer,
 * reservnummer), observed through the wire: CreateDraftCertificate answers, the journal system's
 * inbox and the traffic journal through the admin API, Webcert's pages.
 */
import { adminOf } from '../fixtures/adminClient.js';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import type { CreateDraftOutcome } from '../../simulators/journal/launch/journalUser.js';
import { invalidMessages } from './messageChecks.js';
import { exchanges } from './sendSteps.js';

/** The default directory's test patients, by what PU says about them. */
export const PATIENTS = {
  protectedIdentity: { personId: '195012142385', fornamn: 'Sigrid', efternamn: 'Skyddad' },
  deceased: { personId: '194003152347', fornamn: 'Elsa', efternamn: 'Avliden' },
  samordningsnummer: { personId: '198009692388', fornamn: 'Sam', efternamn: 'Ordningsson' },
  notFound: { personId: '198705122391', fornamn: 'Nils', efternamn: 'Saknas' },
  puUnreachable: { personId: '197305222981', fornamn: 'Paula', efternamn: 'Puproblem' },
  reservnummer: { personId: '197813131310', fornamn: 'Rune', efternamn: 'Reserv' },
  ordinary: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' },
} as const;

/** The care administrator of the default directory (commission on the integrated unit only). */
export const CARE_ADMINISTRATOR = { hsaId: 'TSTNMT2321000156-1085', fullName: 'Vilma Vårdadmin' };

/** Webcert's texts the scenarios expect (BaseCreateDraftCertificateValidator, frontend). */
export const WEBCERT_TEXTS = {
  puNotFound: 'Personnumret du har angivit finns inte i folkbokföringsregistret. Observera att det inte går att ange reservnummer. Webcert hanterar enbart person- och samordningsnummer.',
  puUnreachable: 'Cannot issue intyg. The PU-service was unreachable. Please try again later.',
  protectedRole: 'Du saknar behörighet. För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare.',
  sekretessPage: 'För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare. Vissa intygstyper får inte hanteras alls för patienter med skyddade personuppgifter, även om du har befattningen som krävs. Om problemet kvarstår, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.',
  puProblemPage: 'Prova att ladda om sidan. Om problemet kvarstår, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.',
};

/** The draft id of an OK or INFO answer; fails the test on anything else. */
export function draftId(outcome: CreateDraftOutcome): string {
  if (outcome.kind !== 'answer' || !outcome.certificateId) throw new Error(`CreateDraftCertificate made no draft: ${JSON.stringify(outcome)}`);
  return outcome.certificateId;
}

/** The patient of a status update (or any message with one `patient`), field by field; absent fields are null. */
export function patientIn(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const patient = doc.getElementsByTagNameNS('*', 'patient').item(0) as Element | null;
  if (!patient) throw new Error('the message has no patient');
  const text = (name: string) => patient.getElementsByTagNameNS('*', name).item(0)?.textContent ?? null;
  return {
    root: text('root'),
    extension: text('extension'),
    fornamn: text('fornamn'),
    mellannamn: text('mellannamn'),
    efternamn: text('efternamn'),
    postadress: text('postadress'),
    postnummer: text('postnummer'),
    postort: text('postort'),
  };
}

/** What the journal system received for a certificate, in the order of their events' times. */
export function statusUpdates(topology: Topology, id: string) {
  return adminOf(topology).statusUpdates({ certificateId: id });
}

/** Every CreateDraftCertificate and CertificateStatusUpdateForCare that crossed the wire is XSD-valid (and there were some). */
export async function expectSchemaValidTraffic(topology: Topology): Promise<void> {
  // Both read before validating: validation holds the event loop for seconds on a loaded machine,
  // long enough for the admin API to close the idle keep-alive connection the next read would reuse.
  const operations = ['CreateDraftCertificate', 'CertificateStatusUpdateForCare'];
  const read = await Promise.all(operations.map((operation) => exchanges(topology, { operation })));
  operations.forEach((operation, i) => {
    expect(read[i]!.length, operation).toBeGreaterThan(0);
    expect(invalidMessages(read[i]!, requireSchemaRoot()), operation).toEqual([]);
  });
}

/** Webcert's error page for `reason`, with its title and text. */
export async function expectErrorPage(page: Page, reason: string, title: string, text: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/error\\?reason=${reason}$`));
  await expect(page.locator('#fel-kod')).toHaveText(reason);
  await expect(page.locator('#fel-rubrik')).toHaveText(title);
  await expect(page.locator('#fel-text')).toHaveText(text);
}
