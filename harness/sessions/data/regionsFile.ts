/** `data/regions.json`: the regions and agents of the user forum's tables, with their dates. */
import type { DataNode } from './dataNode.js';

/** A region or an agent (a private provider connected through its vendor). */
export interface Region {
  /** e.g. `varmland`, `evimeria-agent` */
  id: string;
  /** e.g. `Region Värmland` */
  name: string;
  kind: 'region' | 'agent' | 'standalone';
  /** The row's name in the minutes' tables, e.g. `Stockholm/Gotland`. */
  nameInMinutes: string;
  /** When the region was connected for dödsbevis/dödsorsaksintyg (minutes §6): `2021-09-01` or `2022-06 (prel.)`. */
  dbDoiConnected: string;
  /** The minutes' "Produktion" cell for the new signing solution (§7d), verbatim; empty when none. */
  productionInMinutes: string;
  /** Line in the file, for errors that refer to this region. */
  line: number;
}

export const REGION_KINDS = ['region', 'agent', 'standalone'] as const;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?( \(prel\.\))?$/;

/** Reads and checks the regions file. @throws {DataFileError} */
export function readRegions(root: DataNode): Region[] {
  const regions: Region[] = [];
  for (const node of root.object(['regions']).regions.list({ nonEmpty: true })) {
    const f = node.object(['id', 'name', 'kind', 'nameInMinutes', 'dbDoiConnected', 'productionInMinutes']);
    const id = f.id.string({ pattern: ID, hint: 'an id is lower-case letters, digits and dashes, e.g. "varmland"' });
    if (regions.some((r) => r.id === id)) f.id.fail(`the region id "${id}" is used twice`);
    regions.push({
      id,
      name: f.name.string(),
      kind: f.kind.string({ choices: REGION_KINDS }) as Region['kind'],
      nameInMinutes: f.nameInMinutes.string(),
      dbDoiConnected: f.dbDoiConnected.string({ pattern: DATE, hint: 'write a date as 2021-09-01, a month as 2022-06, optionally followed by " (prel.)"' }),
      productionInMinutes: f.productionInMinutes.string({ allowEmpty: true }),
      line: node.line,
    });
  }
  return regions;
}
