/**
 * A topology as a file: JSON laid over the embedded defaults, so a region or vendor writes only
 * what differs (its units, users and patients, a real journal system's URL, the redelivery
 * profile). Unknown keys are refused by name, so a typo is not silently ignored.
 */
import { readFileSync } from 'node:fs';
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import { defaultTopologyConfig, validateTopology, type TopologyConfig } from './topologyConfig.js';

const TOP_KEYS = ['parties', 'directory', 'webcert', 'eidApp', 'intygstjanst', 'journalFile', 'journalMaxEntries', 'journalMaxBytes', 'clock'] as const;
const DIRECTORY_KEYS = ['careUnits', 'staff', 'patients', 'unknownPatients'] as const;

/**
 * Reads `file` and lays it over `base` (default the embedded topology).
 * @throws Error naming the file, the key and what to write instead.
 */
export function readTopologyFile(file: string, base: TopologyConfig = defaultTopologyConfig()): TopologyConfig {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`topology file ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`topology file ${file} must hold a JSON object`);
  const unknown = Object.keys(data).filter((k) => !(TOP_KEYS as readonly string[]).includes(k));
  if (unknown.length) throw new Error(`topology file ${file}: unknown key(s) ${unknown.join(', ')}; known keys are ${TOP_KEYS.join(', ')}`);
  const directory = (data.directory ?? {}) as Partial<DirectoryData>;
  const unknownDir = Object.keys(directory).filter((k) => !(DIRECTORY_KEYS as readonly string[]).includes(k));
  if (unknownDir.length) throw new Error(`topology file ${file}: directory has unknown key(s) ${unknownDir.join(', ')}; known keys are ${DIRECTORY_KEYS.join(', ')}`);
  for (const list of ['careUnits', 'staff', 'patients'] as const) {
    if (directory[list] !== undefined && !Array.isArray(directory[list])) throw new Error(`topology file ${file}: directory.${list} must be a list`);
  }
  const config: TopologyConfig = {
    ...base,
    ...(data as Partial<TopologyConfig>),
    parties: { ...base.parties, ...((data.parties as Partial<TopologyConfig['parties']>) ?? {}) },
    directory: { ...base.directory, ...directory },
    webcert: { ...base.webcert, ...((data.webcert as TopologyConfig['webcert']) ?? {}) },
    eidApp: { ...base.eidApp, ...((data.eidApp as TopologyConfig['eidApp']) ?? {}) },
    intygstjanst: { ...base.intygstjanst, ...((data.intygstjanst as TopologyConfig['intygstjanst']) ?? {}) },
  };
  try {
    validateTopology(config);
  } catch (error) {
    throw new Error(`topology file ${file}: ${(error as Error).message}`);
  }
  return config;
}
