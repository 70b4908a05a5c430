/**
 * The topology the people of a session work against during the manual steps: every party
 * simulated (or the region's journal system at its URL), clock following the wall clock, the
 * traffic journal in the session folder (`trafik.sqlite`, kept across a kill and a resume), and
 * the same ports as before when the session is resumed, so the journal system's configuration
 * still points at the right Webcert.
 */
import { join } from 'node:path';
import { startTopology, type Topology } from '../../topology/startTopology.js';
import { defaultTopologyConfig, type TopologyConfig } from '../../topology/topologyConfig.js';
import { readTopologyFile } from '../../topology/topologyFile.js';
import type { JournalChoice } from '../store/sessionRecord.js';
import type { SessionStore } from '../store/sessionStore.js';

export const SESSION_TRAFFIC_FILE = 'trafik.sqlite';

interface Ports {
  webcert?: number;
  journal?: number;
  admin?: number;
}

/** The session's topology config: the topology file (if any) laid over the embedded one, then the session's choices. */
export function sessionTopologyConfig(sessionDir: string, journal: JournalChoice, topologyFile: string | undefined, ports: Ports = {}): TopologyConfig {
  const base = topologyFile ? readTopologyFile(topologyFile) : defaultTopologyConfig();
  return defaultTopologyConfig({
    ...base,
    parties: {
      ...base.parties,
      webcert: { mode: 'simulated', port: ports.webcert },
      journal: journal.mode === 'external' ? { mode: 'external', url: journal.url } : { mode: 'simulated', port: ports.journal },
    },
    clock: { mode: 'realtime' },
    journalFile: join(sessionDir, SESSION_TRAFFIC_FILE),
    admin: { port: ports.admin ?? 0 },
  });
}

/** Starts the session's topology, on the ports it had before when it can. */
export async function startSessionTopology(store: SessionStore, log: (line: string) => void): Promise<Topology> {
  const session = store.session;
  const before = JSON.parse(store.meta('ports') ?? '{}') as Ports;
  let topology: Topology;
  try {
    topology = await startTopology(sessionTopologyConfig(store.dir, session.journal, session.topologyFile, before));
  } catch (error) {
    if (!Object.keys(before).length || !/EADDRINUSE|address already in use/i.test(String((error as Error).message))) throw error;
    log(`samverkan: sessionens tidigare portar (${JSON.stringify(before)}) är upptagna; nya portar väljs – peka om journalsystemet mot adresserna nedan.`);
    topology = await startTopology(sessionTopologyConfig(store.dir, session.journal, session.topologyFile));
  }
  const port = (url: string | undefined) => (url ? Number(new URL(url).port) : undefined);
  const now: Ports = { webcert: port(topology.webcert?.url), journal: port(topology.journalSystem?.url), admin: port(topology.admin?.url) };
  store.setMeta('ports', JSON.stringify(now));
  return topology;
}
