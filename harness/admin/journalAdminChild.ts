/**
 * A process that serves only the admin API's journal routes over one journal file, so a test can
 * read the peak memory of an export from outside (`/proc/<pid>/status`) without the other
 * parties' memory in the figure. Run by `journalExport.test.ts`; the file is
 * `SAMVERKAN_EXPORT_JOURNAL`. Prints `admin <url>` when it listens, stops on SIGTERM.
 */
import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import type { Topology } from '../topology/startTopology.js';
import { VirtualClock } from '../../simulators/kit/clock/virtualClock.js';
import { PartyServer } from '../../simulators/kit/network/partyServer.js';
import { journalRoutes } from './journalRoutes.js';

const file = process.env.SAMVERKAN_EXPORT_JOURNAL;
if (!file) throw new Error('journalAdminChild: set SAMVERKAN_EXPORT_JOURNAL to the journal file to serve');
const journal = TrafficJournal.open({ path: file });
const server = await PartyServer.start({ party: 'admin', clock: new VirtualClock({ mode: 'manual' }), handlers: journalRoutes({ journal } as Topology) });
console.log(`admin ${server.url}`);
process.once('SIGTERM', () => {
  void server.stop().then(() => journal.close());
});
