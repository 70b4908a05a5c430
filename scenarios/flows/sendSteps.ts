/**
 * Steps for sending and revoking, observed through the wire: the admin API (Webcert's actions,
 * the clock, the traffic journal, Intygstjänsten's store, the recipients' inboxes) and the journal
 * system's inbox. Thin functions over the typed client (scenarios/fixtures/adminClient.ts), kept
 * for the scenarios written with them.
 */
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { adminOf, type AdminClient } from '../fixtures/adminClient.js';
import { fillTypeForm } from './typeForms.js';
import { clickAndAwaitLoad, certificatePage } from './pageWaits.js';

export const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };
export const DOCTOR = 'TSTNMT2321000156-1079';
export const UNIT = 'TSTNMT2321000156-INT2';

/** A topology handle, or its admin client. */
type Handle = Topology | AdminClient;

/** JSON from the topology's admin API; fails the test on a 4xx/5xx with the API's words. */
export async function admin<T = unknown>(topology: Handle, path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const answer = await adminOf(topology).call<T>(init?.method ?? (init?.body === undefined ? 'GET' : 'POST'), path, init?.body);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(400);
  return answer.body;
}

/** Moves virtual time on and waits for what falls due (the admin API awaits Webcert's deliveries). */
export function advance(topology: Handle, by: string | number): Promise<unknown> {
  return adminOf(topology).advance(by);
}

/** Creates a dödsbevis draft through CreateDraftCertificate v3 and returns its id. */
export async function createDbDraft(user: JournalUser, ref = 'vk-db-1', patient = TOLVAN): Promise<string> {
  const outcome = await user.createDraft({ typeCode: 'DB', patient, ref });
  if (outcome.kind !== 'answer' || !outcome.certificateId) throw new Error(`CreateDraftCertificate DB failed: ${JSON.stringify(outcome)}`);
  expect(outcome.resultCode).toBe('OK');
  return outcome.certificateId;
}

/** Fills the DB form on the open certificate page as a doctor would and waits for the autosave. */
export async function fillDodsbevis(page: Page): Promise<void> {
  await fillTypeForm(page, 'DB');
}

/** Signs the draft open on the certificate page ("Signera intyget") and waits for the signed page. */
export async function signOnCertificatePage(page: Page, id: string): Promise<void> {
  await page.goto(new URL(`/certificate/${id}/`, page.url()).href);
  await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id), { timeout: 20_000 });
  await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });
}

/** Event codes the journal system received for a certificate, in the order of their events' times. */
export async function journalSystemEvents(topology: Handle, id: string): Promise<string[]> {
  return (await adminOf(topology).statusUpdates({ certificateId: id })).map((u) => u.eventCode);
}

/** What a recipient (SKV, SOS, FKASSA, TRANSP) has taken in for a certificate. */
export function recipientInbox(topology: Handle, recipient: string, id: string, kind?: 'RegisterCertificate' | 'RevokeCertificate') {
  return adminOf(topology).recipientInbox(recipient, id, kind);
}

/** Exchanges in the traffic journal with their bodies, oldest first (every page of the admin API's answer). */
export function exchanges(topology: Handle, query: Record<string, string>): Promise<JournalEntry[]> {
  return adminOf(topology).journal(query, { bodies: true });
}
