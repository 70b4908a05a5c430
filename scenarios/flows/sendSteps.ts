/**
 * Steps for sending and revoking, observed through the wire: the admin API (Webcert's actions,
 * the clock, the traffic journal, Intygstjänsten's store, the recipients' inboxes) and the journal
 * system's inbox.
 */
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { fillTypeForm } from './typeForms.js';

export const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };
export const DOCTOR = 'TSTNMT2321000156-1079';
export const UNIT = 'TSTNMT2321000156-INT2';

/** JSON from the topology's admin API; fails the test on a 4xx/5xx with the API's words. */
export async function admin<T = unknown>(topology: Topology, path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  if (!topology.admin) throw new Error('these steps need the admin API: test.use({ topologyConfig: { admin: {} } })');
  const res = await fetch(`${topology.admin.url}${path}`, {
    method: init?.method ?? (init?.body === undefined ? 'GET' : 'POST'),
    headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBeLessThan(400);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Moves virtual time on and waits for what falls due (the admin API awaits Webcert's deliveries). */
export function advance(topology: Topology, by: string): Promise<unknown> {
  return admin(topology, '/clock/advance', { body: { by } });
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
  await page.getByRole('button', { name: 'Signera intyget' }).click();
  await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });
}

/** Event codes the journal system received for a certificate, in arrival order. */
export async function journalSystemEvents(topology: Topology, id: string): Promise<string[]> {
  return (await admin<{ eventCode: string }[]>(topology, `/journal-system/status-updates?certificateId=${id}`)).map((u) => u.eventCode);
}

/** What a recipient (SKV, SOS, FKASSA, TRANSP) has taken in for a certificate. */
export function recipientInbox(topology: Topology, recipient: string, id: string, kind?: 'RegisterCertificate' | 'RevokeCertificate') {
  return admin<{ kind: string; signature?: { valid: boolean; signerSubject?: string }; xml: string; meddelande?: string }[]>(
    topology,
    `/recipients/${recipient}/inbox?certificateId=${id}${kind ? `&kind=${kind}` : ''}`,
  );
}

/** Exchanges in the traffic journal with their bodies, oldest first (every page of the admin API's answer). */
export async function exchanges(topology: Topology, query: Record<string, string>): Promise<JournalEntry[]> {
  const all: JournalEntry[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const params = new URLSearchParams({ ...query, bodies: 'true', ...(cursor && { cursor }) });
    const page: { entries: JournalEntry[]; nextCursor: string | null } = await admin(topology, `/journal?${params.toString()}`);
    all.push(...page.entries);
    cursor = page.nextCursor;
  }
  return all;
}
