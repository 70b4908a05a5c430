/**
 * The reference data of sessions, from the user forum's minutes of 2022-05-30, as files a user
 * edits: `data/regions.json`, `data/vendor-groups.json`, `data/certificate-statistics-2022.json`,
 * `data/session-plan.json`. Each is checked when read; a wrong value is a {@link DataFileError}
 * naming the file, the line and the valid choices.
 */
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFileError, readDataFile } from './dataNode.js';
import { readRegions, type Region } from './regionsFile.js';
import { readSessionCatalogue, type SessionCatalogue } from './sessionCatalogueFile.js';
import { readStatistics, type CertificateStatistics } from './statisticsFile.js';
import { readVendorGroups, type VendorGroup } from './vendorGroupsFile.js';

/** `<repo>/data`: the data files that come with samverkan. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

export const DATA_FILES = {
  regions: 'regions.json',
  vendorGroups: 'vendor-groups.json',
  statistics: 'certificate-statistics-2022.json',
  catalogue: 'session-plan.json',
} as const;

export interface ReferenceData {
  dir: string;
  regions: Region[];
  vendorGroups: VendorGroup[];
  statistics: CertificateStatistics;
  catalogue: SessionCatalogue;
}

/** A vendor group or region that is not in the data; the message lists the valid ones. */
export class UnknownChoiceError extends Error {
  override name = 'UnknownChoiceError';
}

/** Reads and checks every data file in `dir` (default `<repo>/data`). @throws {DataFileError} */
export function loadReferenceData(dir = DEFAULT_DATA_DIR): ReferenceData {
  const file = (name: string) => {
    const path = join(dir, name);
    return readDataFile(path, shown(path));
  };
  const regions = readRegions(file(DATA_FILES.regions));
  return {
    dir,
    regions,
    vendorGroups: readVendorGroups(file(DATA_FILES.vendorGroups), regions),
    statistics: readStatistics(file(DATA_FILES.statistics), regions),
    catalogue: readSessionCatalogue(file(DATA_FILES.catalogue)),
  };
}

/** The vendor group `id` (or its name, any case). @throws {UnknownChoiceError} listing the valid ids */
export function findVendorGroup(data: ReferenceData, id: string): VendorGroup {
  const wanted = id.trim().toLowerCase();
  const group = data.vendorGroups.find((g) => g.id === wanted || g.name.toLowerCase() === wanted);
  if (!group) {
    throw new UnknownChoiceError(
      `unknown vendor group "${id}"; valid choices: ${data.vendorGroups.map((g) => `${g.id} (${g.name})`).join(', ')}. ` +
        `The groups are in ${shown(join(data.dir, DATA_FILES.vendorGroups))}.`,
    );
  }
  return group;
}

/**
 * The region `id` (or its name), which must use the group's journal system.
 * @throws {UnknownChoiceError} listing the group's regions
 */
export function findRegion(data: ReferenceData, group: VendorGroup, id: string): Region {
  const wanted = id.trim().toLowerCase();
  const region = data.regions.find((r) => r.id === wanted || r.name.toLowerCase() === wanted || r.nameInMinutes.toLowerCase() === wanted);
  const groupRegions = group.regions.map((r) => data.regions.find((x) => x.id === r)!);
  const choices = groupRegions.map((r) => `${r.id} (${r.name})`).join(', ');
  if (!region) {
    throw new UnknownChoiceError(`unknown region "${id}"; valid choices for ${group.name}: ${choices}. The regions are in ${shown(join(data.dir, DATA_FILES.regions))}.`);
  }
  if (!group.regions.includes(region.id)) {
    const owner = data.vendorGroups.find((g) => g.regions.includes(region.id));
    throw new UnknownChoiceError(
      `${region.name} is not in the vendor group ${group.name}${owner ? ` (it is in ${owner.id})` : ''}; valid choices for ${group.name}: ${choices}. ` +
        `If ${region.name} uses ${group.name}'s journal system, add "${region.id}" to its regions in ${shown(join(data.dir, DATA_FILES.vendorGroups))} (line ${group.line}).`,
    );
  }
  return region;
}

/** A path as a person reads it in an error: relative to the working folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export { DataFileError };
