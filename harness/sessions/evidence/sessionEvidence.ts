/**
 * A session's evidence, written into its folder from the store (so it can be rebuilt at any time
 * with `session report <id>`):
 *
 *   bevis/<fall>/trafik.jsonl, sekvensdiagram.svg   each case's traffic
 *   allure-results/, rapport/index.html             the Allure 3 report, Swedish, one file
 *   sammanfattning.md                               the short summary, as the main job writes it
 *   protokoll.html, protokoll.pdf                   the protocol to sign (PDF by Chromium's print)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printProtocolPdf } from '../../../reports/protocol/protocolPdf.js';
import { renderProtocolHtml } from '../../../reports/protocol/sessionProtocol.js';
import { sequenceDiagramSvg } from '../../../reports/sequence/sequenceDiagram.js';
import { readSessionResults, renderSessionSummary } from '../../../reports/summary/sessionSummary.js';
import { buildAllureReport } from '../../session/allureReport.js';
import type { SessionStore } from '../store/sessionStore.js';
import { assembleAllureResults } from './allureAssembly.js';
import { protocolFromStore } from './protocolFromStore.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface SessionEvidence {
  protocolHtml: string;
  protocolPdf?: string;
  report?: string;
  evidenceDir: string;
  /** Why a part could not be built (the rest is still written). */
  problems: string[];
}

export async function buildSessionEvidence(store: SessionStore, options: { log: (line: string) => void; pdf?: boolean; report?: boolean }): Promise<SessionEvidence> {
  const { log } = options;
  const session = store.session;
  const problems: string[] = [];
  const evidenceDir = join(store.dir, 'bevis');
  await rm(evidenceDir, { recursive: true, force: true });
  const counts = store.trafficCounts();
  for (const [caseId, n] of counts) {
    if (!n) continue;
    const traffic = store.traffic(caseId);
    const dir = join(evidenceDir, caseId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'trafik.jsonl'), traffic.map((e) => JSON.stringify(e)).join('\n') + '\n');
    await writeFile(join(dir, 'sekvensdiagram.svg'), sequenceDiagramSvg(traffic));
  }

  let report: string | undefined;
  if (options.report !== false) {
    log('samverkan: bygger Allure-rapporten (allure generate)…');
    try {
      const results = await assembleAllureResults(store);
      // The same short summary the main job writes, for the session's tests and steps.
      await writeFile(
        join(store.dir, 'sammanfattning.md'),
        renderSessionSummary(await readSessionResults(results.dir), { title: `samverkanstest ${session.plan.vendorGroup.name} / ${session.plan.region.name} – sammanfattning`, sessionTime: new Date(session.createdAt), reportLink: 'rapport/index.html' }),
      );
      report = await buildAllureReport({
        repoRoot,
        sessionDir: store.dir,
        resultsDir: results.dir,
        reportDir: join(store.dir, 'rapport'),
        reportName: `samverkanstest ${session.plan.vendorGroup.name} / ${session.plan.region.name} ${session.plan.date}`,
      });
    } catch (error) {
      problems.push(`Allure-rapporten kunde inte byggas: ${(error as Error).message}`);
      log(`samverkan: ${problems.at(-1)}`);
    }
  }

  const links = [
    ...(report ? [{ label: 'Allure-rapport', href: 'rapport/index.html' }] : []),
    ...(options.pdf !== false ? [{ label: 'Protokollet som PDF', href: 'protokoll.pdf' }] : []),
  ];
  const model = protocolFromStore(store, links, (caseId) =>
    counts.get(caseId)
      ? [
          { label: 'sekvensdiagram', href: `bevis/${caseId}/sekvensdiagram.svg` },
          { label: 'trafik.jsonl', href: `bevis/${caseId}/trafik.jsonl` },
          ...(report ? [{ label: 'rapport', href: 'rapport/index.html' }] : []),
        ]
      : report
        ? [{ label: 'rapport', href: 'rapport/index.html' }]
        : [],
  );
  const protocolHtml = join(store.dir, 'protokoll.html');
  await writeFile(protocolHtml, renderProtocolHtml(model));
  let protocolPdf: string | undefined;
  if (options.pdf !== false) {
    try {
      protocolPdf = join(store.dir, 'protokoll.pdf');
      await printProtocolPdf(protocolHtml, protocolPdf);
    } catch (error) {
      protocolPdf = undefined;
      problems.push(`PDF:en kunde inte skrivas: ${(error as Error).message}`);
      log(`samverkan: ${problems.at(-1)}`);
    }
  }
  log(`samverkan: protokoll  ${protocolHtml}`);
  if (protocolPdf) log(`samverkan: PDF        ${protocolPdf}`);
  if (report) log(`samverkan: rapport    ${report}`);
  return { protocolHtml, ...(protocolPdf && { protocolPdf }), ...(report && { report }), evidenceDir, problems };
}
