/**
 * Webcert's notification sender alone in a process, for the test that kills it inside the window
 * between a delivery's outbound journal row and Webcert's own record of that delivery
 * (`notificationSenderKill.test.ts`, docs/decisions/0035-delivery-numbered-before-sending.md).
 *
 * Environment:
 * - `SAMVERKAN_SENDER_STATE`, `SAMVERKAN_SENDER_JOURNAL`: Webcert's state file and the traffic journal file;
 * - `SAMVERKAN_SENDER_RECEIVER`: the journal system's URL (on 127.0.0.1);
 * - `SAMVERKAN_SENDER_CLOCK`: virtual start time, ms since epoch (the clock is manual);
 * - `SAMVERKAN_SENDER_SEND`: a certificate id to send a SKAPAT for (none: only resume);
 * - `SAMVERKAN_SENDER_KILL_AT_ROW`: SIGKILL itself right after this process's n-th outbound
 *   CertificateStatusUpdateForCare row is in the journal (the row is committed, Webcert's record of
 *   the delivery is not).
 *
 * It resumes what the state file left, sends, then runs the clock from resend to resend until
 * nothing is under way or planned, and prints `settled` before it exits.
 */
import { VirtualClock } from '../../../kit/clock/virtualClock.js';
import { TrafficJournal } from '../../../kit/journal/trafficJournal.js';
import { WebcertState } from '../../state/webcertState.js';
import { NotificationSender } from '../notificationSender.js';
import { redeliveryProfile } from '../redeliverySchedule.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`senderProcess: set ${name} (see the comment at the top of senderProcess.ts)`);
  return value;
}

const NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const receiverUrl = required('SAMVERKAN_SENDER_RECEIVER');
const state = WebcertState.open(required('SAMVERKAN_SENDER_STATE'));
const journal = TrafficJournal.open({ path: required('SAMVERKAN_SENDER_JOURNAL') });
const clock = new VirtualClock({ start: Number(required('SAMVERKAN_SENDER_CLOCK')) });
const killAtRow = Number(process.env.SAMVERKAN_SENDER_KILL_AT_ROW ?? 0);

let rows = 0;
journal.onRecord((entry) => {
  if (entry.side !== 'outbound' || entry.operation !== 'CertificateStatusUpdateForCare') return;
  if (++rows === killAtRow) process.kill(process.pid, 'SIGKILL');
});

const sender = new NotificationSender({
  clock,
  journal,
  state,
  schedule: redeliveryProfile('forum-2022').schedule,
  route: () => ({ url: receiverUrl, party: 'journal' }),
  timeoutMs: 10_000,
});
console.log(`resumed ${sender.resume()}`);
const certificateId = process.env.SAMVERKAN_SENDER_SEND;
if (certificateId) {
  sender.send({
    certificateId,
    eventCode: 'SKAPAT',
    logicalAddress: 'TSTNMT2321000156-ALFA',
    personId: '191212121212',
    payloadXml: `<tns:CertificateStatusUpdateForCare xmlns:tns="${NS}"><tns:ref>${certificateId}</tns:ref></tns:CertificateStatusUpdateForCare>`,
  });
}
for (;;) {
  await clock.runDue();
  await sender.idle();
  const next = clock.pending(1)[0];
  if (!next) break;
  await clock.advanceTo(next.at);
}
sender.close();
state.close();
journal.close();
console.log('settled');
