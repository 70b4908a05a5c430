/** What a session keeps: who and what it was for, its plan, and each case's result and traffic. */
import type { SessionPlan } from '../plan/sessionPlan.js';

/** A case's verdict. A case passes only when every test in it passed: a skip is never a pass. */
export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error';

/** Who recorded a result: Playwright for automated cases, a person in the terminal or on the session page. */
/** `samverkan`: the journal-system conformance suite, run by the session itself. */
export type RecordedBy = 'playwright' | 'terminal' | 'page' | 'samverkan';

export interface Participant {
  name: string;
  /** e.g. `systemförvaltare`, `leverantör`, `NMT-testare` */
  role?: string;
  organisation?: string;
}

/** The journal system of the session: the simulated one, or a real one at a URL (its status-update receiver). */
export type JournalChoice = { mode: 'sim' } | { mode: 'external'; url: string };

export interface SessionRecord {
  /** e.g. `20261201-1015-cosmic-varmland` */
  id: string;
  /** Wall-clock ms when the session was started. */
  createdAt: number;
  journal: JournalChoice;
  plan: SessionPlan;
  participants: Participant[];
  /** Versions the participants give (`Journalsystem` → `Cosmic R8.2`, `SITHS eID-app` → `2.0.8325`). */
  software: Record<string, string>;
  /** Versions samverkan knows itself: samverkan, git commit, Node, Playwright, Chromium, OS. */
  environment: Record<string, string>;
  /** A topology file laid over the embedded topology for the manual steps. */
  topologyFile?: string;
  /** Folder of the data files the plan was made from. */
  dataDir: string;
  /**
   * `--catch-up-trigger`: the URL the conformance suite POSTs to so the external journal system
   * calls ListCertificatesForCareWithQA (JR-O02); absent, JR-O02 is not judged.
   */
  catchUpTrigger?: string;
  /** `--requirement`: only these requirements in the conformance case (default the whole suite). */
  conformanceRequirements?: string[];
}

export interface CaseResult {
  caseId: string;
  outcome: CaseOutcome;
  comment: string;
  recordedBy: RecordedBy;
  /** Wall-clock ms. */
  startedAt: number;
  finishedAt: number;
  /** Test counts of an automated case; observations of a manual one. */
  details: CaseDetails;
}

export interface CaseDetails {
  passed?: number;
  failed?: number;
  skipped?: number;
  /** Sum of the tests' own durations (ms). */
  testsMs?: number;
  /** What samverkan saw for each observation of a manual step, when the result was recorded. */
  observed?: Array<{ description: string; seen: number; person?: boolean }>;
}

/** One Playwright test of an automated case, as the session reporter recorded it. */
export interface TestRecord {
  /** `[flows] › scenarios/flows/login.spec.ts › describe › title`: Playwright's test-list line. */
  key: string;
  caseId: string;
  title: string;
  file: string;
  project: string;
  tags: string[];
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  durationMs: number;
  error?: string;
  /** The run folder whose allure-results hold this test's result. */
  runDir: string;
  finishedAt: number;
}

/** Swedish words for outcomes, as the page, the terminal and the protocol say them. */
export const OUTCOME_SV: Record<CaseOutcome, string> = {
  passed: 'Godkänd',
  failed: 'Underkänd',
  skipped: 'Överhoppad',
  error: 'Fel',
};
