/**
 * What `samverkan up` does once its options are read: take the state folder and the journal file
 * (one running up each), make or repair the simulated cards, start the topology, print every URL,
 * and stop it again on Ctrl-C / SIGTERM / the end of the npm process that started it.
 */
import path from 'node:path';
import { ensureCards } from '../topology/cardSetup.js';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig, type PartyConfig } from '../topology/topologyConfig.js';
import { readTopologyFile } from '../topology/topologyFile.js';
import { acquireLock, describeHolder, type HeldLock } from './processLock.js';
import { describeStopReason, listenForStop } from './stopSignals.js';
import { probeJournalSystem } from '../conformance/journalSystemProbe.js';
import { journalOptions, webcertStateBeside, intygstjanstStateBeside, type UpArgs } from './upCommand.js';

/** Runs `up` until it is asked to stop; resolves with the exit code. */
export async function runUp(args: UpArgs): Promise<number> {
  const stop = listenForStop({
    onStop: (reason) => console.log(`samverkan: stopping (${describeStopReason(reason)})… a second Ctrl-C stops at once`),
    onForce: () => console.error('samverkan: stopped at once (second signal); in-flight exchanges were not finished'),
  });
  const locks: HeldLock[] = [];
  try {
    const { journal, trafficJournal } = journalOptions(args);
    const stateDir = path.resolve(args['state-dir']);
    const again = 'or give this one its own --state-dir and --traffic-journal';
    locks.push(acquireLock(path.join(stateDir, 'up.lock'), { what: `the state folder ${stateDir}`, alternative: again }));
    if (trafficJournal !== ':memory:') {
      const journalFile = path.resolve(trafficJournal);
      locks.push(acquireLock(`${journalFile}.lock`, { what: `the traffic journal ${journalFile}`, alternative: 'or give this one its own --traffic-journal' }));
    }
    for (const lock of locks) {
      if (lock.tookOverFrom) console.log(`samverkan: took over ${lock.file} from ${describeHolder(lock.tookOverFrom)}, which is no longer running`);
    }

    const party = (url: string | undefined, port: number | undefined): PartyConfig => (url ? { mode: 'external', url } : { mode: 'simulated', port });
    const journalParty = (fallback: PartyConfig): PartyConfig => {
      if (journal?.mode === 'external') return { mode: 'external', url: journal.url };
      if (journal?.mode === 'simulated' || args['journal-port'] !== undefined) return { mode: 'simulated', port: args['journal-port'] };
      return fallback;
    };
    if (journal?.mode === 'external') {
      // `up` may well start before the journal system does: say so, but start.
      await probeJournalSystem(journal.receiver).catch((error: Error) => console.error(`samverkan: note: ${error.message}`));
    }
    const base = args.topology ? readTopologyFile(args.topology) : defaultTopologyConfig();
    const config = defaultTopologyConfig({
      ...base,
      parties: {
        ...base.parties,
        webcert: args['webcert-url'] || args['webcert-port'] ? party(args['webcert-url'], args['webcert-port']) : base.parties.webcert,
        journal: journalParty(base.parties.journal),
        ...(args['intygstjanst-url'] && { intygstjanst: party(args['intygstjanst-url'], undefined) }),
        ...(args['recipients-url'] && { recipients: party(args['recipients-url'], undefined) }),
      },
      clock: { mode: args.clock },
      stateDir,
      journalFile: trafficJournal,
      webcert: { ...base.webcert, redelivery: args.redelivery ?? base.webcert.redelivery, stateFile: args['webcert-state'] ?? base.webcert.stateFile ?? webcertStateBeside(trafficJournal) },
      // What Intygstjänsten took survives a restart with what Webcert queued for it.
      intygstjanst: { ...base.intygstjanst, stateFile: base.intygstjanst?.stateFile ?? intygstjanstStateBeside(trafficJournal) },
      eidApp: { ...base.eidApp, ...(args['eid-mode'] && { mode: args['eid-mode'] }), ...(args['card-module'] && { cardModule: args['card-module'] }), ...(args['active-card'] && { activeCard: args['active-card'] }) },
      admin: { port: args['admin-port'] },
    });
    if (!config.eidApp?.cardModule && (config.parties.identity?.mode ?? 'simulated') === 'simulated') {
      await ensureCards(stateDir, config.directory.staff, { log: (line) => console.log(`samverkan: ${line}`) });
    }
    if (stop.stopping) return 0;

    const topology = await startTopology(config);
    try {
      if (!stop.stopping) {
        console.log('samverkan: topology up');
        for (const [name, urls] of Object.entries(topology.urls())) {
          console.log(`  ${name}`);
          for (const [what, url] of Object.entries(urls)) console.log(`    ${what.padEnd(32)} ${url}`);
        }
        console.log(`  traffic journal                  ${trafficJournal}`);
        if (topology.webcert) console.log(`  webcert state                    ${topology.webcert.state.path}`);
        console.log(`  state folder                     ${stateDir}`);
        console.log(`  redelivery                       ${topology.webcert?.redelivery.profile ?? topology.webcert?.redelivery.schedule.notation ?? '(Webcert is external)'}`);
        console.log('Admin API: GET /parties /journal /faults /clock /webcert/notifications /webcert/certificate-queue /intygstjanst/certificates /recipients/{SKV|SOS|FKASSA|TRANSP}/inbox; POST /faults /clock/advance. Ctrl-C stops.');
      }
      await stop.requested;
    } finally {
      await topology.stop();
    }
    console.log('samverkan: stopped');
    return 0;
  } finally {
    for (const lock of locks.reverse()) lock.release();
    stop.dispose();
  }
}
