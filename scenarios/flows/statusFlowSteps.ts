/** Steps shared by status-update scenarios, observed through the admin API. */
import { expect } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { adminOf, type AdminClient, type Notification } from '../fixtures/adminClient.js';

const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

/** Creates an LISJP draft through CreateDraftCertificate v3 and returns its id. */
export async function createLisjpDraft(
  user: JournalUser,
  patient: { personId: string; fornamn: string; efternamn: string } = TOLVAN,
  ref = 'vardkontakt-4711',
): Promise<string> {
  const outcome = await user.createDraft({ typeCode: 'LISJP', patient, ref });
  if (outcome.kind !== 'answer' || !outcome.certificateId) throw new Error(`CreateDraftCertificate failed: ${JSON.stringify(outcome)}`);
  expect(outcome.resultCode).toBe('OK');
  return outcome.certificateId;
}

/**
 * Lets deliveries under way finish, moves virtual time on by `ms`, and lets the resends finish:
 * `POST /clock/advance`, which waits for Webcert's deliveries before and after.
 */
export async function settle(topology: Topology | AdminClient, ms: number): Promise<void> {
  await adminOf(topology).advance(ms);
}

/** The SKAPAT notification of a certificate, as Webcert records it (exactly one must exist). */
export async function skapatNotification(topology: Topology | AdminClient, certificateId: string): Promise<Notification> {
  const list = await adminOf(topology).notifications(certificateId, 'SKAPAT');
  expect(list, `one SKAPAT notification for ${certificateId}`).toHaveLength(1);
  return list[0]!;
}
