/** Steps shared by status-update scenarios. */
import { expect } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { Notification } from '../../simulators/webcert/notification/notificationSender.js';

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

/** Lets deliveries under way finish, moves virtual time on, and lets the resends finish. */
export async function settle(topology: Topology, ms: number): Promise<void> {
  await topology.webcert!.idle();
  await topology.clock.advanceBy(ms);
  await topology.webcert!.idle();
}

/** The SKAPAT notification of a certificate (exactly one must exist). */
export function skapatNotification(topology: Topology, certificateId: string): Notification {
  const list = topology.webcert!.sender.list(certificateId).filter((n) => n.eventCode === 'SKAPAT');
  expect(list, `one SKAPAT notification for ${certificateId}`).toHaveLength(1);
  return list[0]!;
}
