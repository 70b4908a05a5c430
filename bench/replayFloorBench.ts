/**
 * `npm run bench`, the month's floor: one certificate's exchanges of the replay
 * (`certificateExchanges.ts`: the same number of requests, bodies and answers of the same sizes)
 * over bare node:http in one process, a keep-alive `http.Agent` as the simulators use
 * (`simulators/kit/soap/soapClient.ts`), 16 in flight like the replay, and the process's CPU time
 * (`process.cpuUsage`: user + system, both ends and every thread) per certificate. Measured three
 * ways, in alternating rounds (the median of each): bare HTTP; the same plus one SQLite row with
 * the bodies per journalled side (WAL, `synchronous = NORMAL`, the journal's group commit, the
 * receiver answering only after its row is committed); the same with the traffic journal itself
 * (`TrafficJournal.recordBatched`, its schema and indexes). What a month's replay cannot go under,
 * whatever the simulators do (docs/decisions/0049-the-months-floor.md).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from '../simulators/kit/journal/groupCommit.js';
import { TrafficJournal } from '../simulators/kit/journal/trafficJournal.js';
import { useDurableFile } from '../simulators/kit/sqlite/durableFile.js';
import { CERTIFICATE_EXCHANGES, exchangeSequence, perCertificate, type ExchangeKind } from './certificateExchanges.js';
import { floorLines, type FloorFigure } from './floorFigures.js';
import { median } from './pairedLoad.js';

export interface ReplayFloorOptions {
  /** Certificates' exchanges per measured run. */
  certificates: number;
  /** Rounds; each runs every variant once, and a variant's figure is the median of its rounds. */
  rounds: number;
  concurrency: number;
  /** The replay's own figure measured in the same run (the load bench), printed last. */
  replay?: FloorFigure;
  /** Cores to project the wall time on; default this machine's. */
  cores?: number;
  log: (line: string) => void;
}

export interface ReplayFloorResult {
  figures: FloorFigure[];
  /** Exchanges and journal rows one measured run made (checked against the mix). */
  exchanges: number;
  journalRows: number;
}

/** One exchange side as the journal stores it. */
interface SideRow {
  side: 'inbound' | 'outbound';
  kind: ExchangeKind;
  requestBody: string;
  answerBody: string;
}

/** Where a run's journal rows go; `undefined` for bare HTTP. */
interface Sink {
  record(row: SideRow): Promise<unknown>;
  rows: number;
  /** Transactions committed, where the sink counts them. */
  commits?: number;
  close(): void;
}

type Variant = { name: string; open(dir: string): Sink | undefined };

/** A minimal journal: one table, one row per side with both bodies, group commit per turn. */
function sqliteSink(dir: string): Sink {
  const db = new Database(join(dir, 'floor.sqlite'));
  useDurableFile(db);
  db.exec('CREATE TABLE exchange (id INTEGER PRIMARY KEY, side TEXT NOT NULL, operation TEXT NOT NULL, started_at INTEGER NOT NULL, http_status INTEGER, request_body TEXT, response_body TEXT)');
  const insert = db.prepare('INSERT INTO exchange (side, operation, started_at, http_status, request_body, response_body) VALUES (?, ?, ?, 200, ?, ?)');
  const commit = db.transaction((rows: SideRow[]) => rows.map((r) => insert.run(r.side, r.kind.operation, Date.now(), r.requestBody, r.answerBody).lastInsertRowid));
  const group = new GroupCommit<SideRow, number | bigint>((rows) => {
    sink.commits!++;
    return commit(rows);
  });
  const sink: Sink = {
    rows: 0,
    commits: 0,
    record: (row) => {
      sink.rows++;
      return group.add(row);
    },
    close: () => {
      group.flush();
      db.close();
    },
  };
  return sink;
}

/** The project's traffic journal, through its group commit. */
function journalSink(dir: string): Sink {
  const journal = TrafficJournal.open({ path: join(dir, 'journal.sqlite') });
  const sink: Sink = {
    rows: 0,
    record: (row) => {
      sink.rows++;
      return journal.recordBatched({
        side: row.side, fromParty: 'webcert', toParty: 'journal', operation: row.kind.operation, method: 'POST', url: 'http://127.0.0.1/floor',
        startedAt: Date.now(), durationMs: 0, outcome: 'ok', httpStatus: 200, resultCode: 'OK', certificateId: 'floor', logicalAddress: 'floor',
        requestHeaders: { 'content-type': row.kind.contentType }, requestBody: row.requestBody,
        responseHeaders: { 'content-type': row.kind.contentType }, responseBody: row.answerBody,
      });
    },
    close: () => journal.close(),
  };
  return sink;
}

const VARIANTS: Variant[] = [
  { name: 'bare node:http', open: () => undefined },
  { name: '+ SQLite row per journalled side', open: sqliteSink },
  { name: '+ the traffic journal (its schema)', open: journalSink },
];

/** A body of exactly `bytes` ASCII bytes, XML or JSON to look at. */
function bodyOf(kind: ExchangeKind, bytes: number): string {
  const frame = kind.contentType === 'application/json' ? ['{"x":"', '"}'] : ['<x>', '</x>'];
  return bytes <= frame[0]!.length + frame[1]!.length ? 'x'.repeat(bytes) : frame[0]! + 'x'.repeat(bytes - frame[0]!.length - frame[1]!.length) + frame[1]!;
}

/** The server of every variant: reads the whole body, journals the inbound side when the kind is journalled, then answers. */
async function startServer(kinds: readonly ExchangeKind[], sink: () => Sink | undefined): Promise<{ port: number; close(): Promise<void> }> {
  const answers = kinds.map((k) => ({ body: Buffer.from(bodyOf(k, k.answerBytes)), text: bodyOf(k, k.answerBytes) }));
  const server = http.createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const i = Number(req.url!.slice(1));
      const kind = kinds[i]!;
      const answer = answers[i]!;
      const reply = () => {
        res.writeHead(200, { 'content-type': kind.contentType, 'content-length': answer.body.length });
        res.end(answer.body);
      };
      const s = sink();
      if (!s || kind.journalRows === 0) return reply();
      s.record({ side: 'inbound', kind, requestBody: Buffer.concat(chunks).toString('utf8'), answerBody: answer.text }).then(reply, (e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends every exchange of `sequence`, `concurrency` at a time; the caller journals the outbound side of a two-sided kind. */
async function runSequence(sequence: ExchangeKind[], kinds: readonly ExchangeKind[], port: number, agent: http.Agent, concurrency: number, sink: Sink | undefined): Promise<void> {
  const requests = kinds.map((k) => bodyOf(k, k.requestBytes));
  const index = new Map(kinds.map((k, i) => [k, i]));
  let next = 0;
  const one = (kind: ExchangeKind): Promise<string> =>
    new Promise((resolve, reject) => {
      const i = index.get(kind)!;
      const req = http.request({ host: '127.0.0.1', port, path: `/${i}`, method: 'POST', agent, headers: { 'content-type': kind.contentType } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${kind.operation}: HTTP ${res.statusCode}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(requests[i]);
    });
  const worker = async () => {
    while (next < sequence.length) {
      const kind = sequence[next++]!;
      const answer = await one(kind);
      if (sink && kind.journalRows === 2) await sink.record({ side: 'outbound', kind, requestBody: requests[index.get(kind)!]!, answerBody: answer });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Measures the variants and prints their figures, the replay's (when given) last. */
export async function runReplayFloorBench(options: ReplayFloorOptions, kinds: readonly ExchangeKind[] = CERTIFICATE_EXCHANGES): Promise<ReplayFloorResult> {
  if (!(Number.isInteger(options.certificates) && options.certificates >= 1)) throw new Error(`the floor bench needs a whole number of certificates ≥ 1, got ${options.certificates}`);
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-bench-floor-'));
  const sequence = exchangeSequence(options.certificates, kinds);
  const warmUp = exchangeSequence(Math.max(1, Math.round(options.certificates / 5)), kinds);
  let sink: Sink | undefined;
  const server = await startServer(kinds, () => sink);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const cpu: number[][] = VARIANTS.map(() => []);
  const rowsPerCommit: Array<number | undefined> = VARIANTS.map(() => undefined);
  let journalRows = 0;
  let run = 0;
  const measure = async (variant: Variant, exchanges: ExchangeKind[]): Promise<number> => {
    const runDir = join(dir, String(run++));
    mkdirSync(runDir);
    sink = variant.open(runDir);
    try {
      const before = process.cpuUsage();
      await runSequence(exchanges, kinds, server.port, agent, options.concurrency, sink);
      const used = process.cpuUsage(before);
      journalRows = sink?.rows ?? journalRows;
      if (sink?.commits) rowsPerCommit[VARIANTS.indexOf(variant)] = sink.rows / sink.commits;
      return (used.user + used.system) / 1000;
    } finally {
      sink?.close();
      sink = undefined;
      rmSync(runDir, { recursive: true, force: true });
    }
  };
  try {
    const mix = perCertificate(kinds);
    options.log(
      `the month's floor: ${options.certificates.toLocaleString('en-US')} certificates' exchanges per run (${mix.exchanges.toFixed(2)} exchanges, ` +
        `${(mix.bytes / 1024).toFixed(1)} KiB and ${mix.journalRows.toFixed(2)} journal rows a certificate), ${options.concurrency} in flight, ` +
        `${options.rounds} round(s), one process, 127.0.0.1 only; CPU = user + system of the process, median of the rounds:`,
    );
    for (const variant of VARIANTS) await measure(variant, warmUp);
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, variant] of VARIANTS.entries()) cpu[i]!.push((await measure(variant, sequence)) / options.certificates);
    }
    const figures: FloorFigure[] = VARIANTS.map((v, i) => ({
      name: v.name,
      cpuMsPerCertificate: median(cpu[i]!),
      ...(rowsPerCommit[i] ? { note: `${rowsPerCommit[i]!.toFixed(1)} rows a commit, last round` } : {}),
    }));
    if (options.replay) figures.push(options.replay);
    for (const line of floorLines(figures, options.cores ?? availableParallelism())) options.log(line);
    return { figures, exchanges: sequence.length, journalRows };
  } finally {
    agent.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
