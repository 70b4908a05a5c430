/**
 * A journal-system receiver alone in a process, for the test that kills it with SIGKILL under load
 * (`statusUpdateReceiverKill.test.ts`): its traffic journal is the file `SAMVERKAN_RECEIVER_JOURNAL`,
 * committed in groups every `SAMVERKAN_RECEIVER_GROUP_MS` ms (a wide window, so an answer sent
 * before its commit would be lost). Prints `receiver <url>` when it listens.
 */
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { JournalSimulator } from '../journalSimulator.js';

const file = process.env.SAMVERKAN_RECEIVER_JOURNAL;
if (!file) throw new Error('receiverProcess: set SAMVERKAN_RECEIVER_JOURNAL to the journal file to write');
const journal = TrafficJournal.open({ path: file, groupCommit: { maxDelayMs: Number(process.env.SAMVERKAN_RECEIVER_GROUP_MS ?? 0) } });
const receiver = await JournalSimulator.start({ clock: new VirtualClock({ mode: 'realtime' }), journal });
console.log(`receiver ${receiver.endpoints.certificateStatusUpdateForCare}`);
process.once('SIGTERM', () => {
  void receiver.stop().then(() => journal.close());
});
