/**
 * `data/certificate-statistics-2022.json`: certificates issued per region and type in April and
 * May 2022 (minutes §11a–d), with each row's total checked against its cells.
 */
import { CERTIFICATE_TYPES } from '../../../simulators/webcert/model/certificateTypes.js';
import type { DataNode } from './dataNode.js';
import type { Region } from './regionsFile.js';

export const CHANNELS = ['integrated', 'standalone'] as const;

/** One table of the minutes: a month and channel, counts per region and type. */
export interface StatisticsTable {
  /** `2022-04` */
  month: string;
  channel: (typeof CHANNELS)[number];
  source: string;
  /** region id → type code → count (types with an empty cell are absent). */
  counts: Map<string, Map<string, number>>;
}

export interface CertificateStatistics {
  /** Type codes in the tables' column order. */
  columns: string[];
  tables: StatisticsTable[];
}

/** Reads and checks the statistics. @throws {DataFileError} */
export function readStatistics(root: DataNode, regions: readonly Region[]): CertificateStatistics {
  const f = root.object(['columns', 'tables']);
  const typeCodes = CERTIFICATE_TYPES.map((t) => t.code);
  const columns = f.columns.list({ nonEmpty: true }).map((c) => c.string({ choices: typeCodes }));
  const regionIds = regions.map((r) => r.id);
  const tables: StatisticsTable[] = [];
  for (const node of f.tables.list({ nonEmpty: true })) {
    const t = node.object(['month', 'channel', 'source', 'rows']);
    const month = t.month.string({ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, hint: 'write the month as 2022-04' });
    const channel = t.channel.string({ choices: CHANNELS }) as StatisticsTable['channel'];
    if (tables.some((x) => x.month === month && x.channel === channel)) t.month.fail(`a second ${channel} table for ${month}`);
    const counts = new Map<string, Map<string, number>>();
    for (const [regionId, row] of t.rows.entries()) {
      if (!regionIds.includes(regionId)) row.fail(`"${regionId}" is not a region in regions.json`, regionIds);
      const cells = row.list();
      if (cells.length !== columns.length + 1) {
        row.fail(`the row for ${regionId} has ${cells.length} numbers; it needs ${columns.length + 1}: one per column (${columns.join(', ')}; null for an empty cell) and the total`);
      }
      const perType = new Map<string, number>();
      let sum = 0;
      columns.forEach((code, i) => {
        const cell = cells[i]!;
        if (cell.isNull()) return;
        const n = cell.integer({ min: 0 });
        sum += n;
        perType.set(code, n);
      });
      const totalCell = cells[columns.length]!;
      const total = totalCell.isNull() ? 0 : totalCell.integer({ min: 0 });
      if (total !== sum) totalCell.fail(`the total for ${regionId} is ${total}, but its cells add up to ${sum}; correct the cell or the total`);
      counts.set(regionId, perType);
    }
    tables.push({ month, channel, source: t.source.string(), counts });
  }
  return { columns, tables };
}

/**
 * The types a region issued through its journal system in the statistics, most issued first
 * (April and May together); empty when the region has no integrated rows (an agent, say).
 */
export function issuedTypes(statistics: CertificateStatistics, regionId: string): Array<{ code: string; count: number }> {
  const total = new Map<string, number>();
  for (const table of statistics.tables) {
    if (table.channel !== 'integrated') continue;
    for (const [code, n] of table.counts.get(regionId) ?? []) total.set(code, (total.get(code) ?? 0) + n);
  }
  return [...total].filter(([, n]) => n > 0).map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
}
