/**
 * What a session protocol says, as plain data: the harness fills it from a session's store, the
 * renderer turns it into HTML (and Chromium's print into PDF). Kept apart so the protocol can be
 * rendered from any source and tested without a session.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';

export type ProtocolOutcome = 'passed' | 'failed' | 'skipped' | 'error';

/** TM's vocabulary (Inera Testmodellen): the verdict the signers decide; the protocol suggests one. */
export type ProtocolVerdict = 'Godkänd' | 'Godkänd med förbehåll' | 'Underkänd' | 'Ej slutförd';

export interface ProtocolCase {
  position: number;
  id: string;
  block: string;
  title: string;
  kind: 'automated' | 'manual';
  requirements: string[];
  /** Estimated minutes and planned start (minutes from the session's start). */
  minutes: number;
  plannedStart: number;
  /** Absent while the case has no result. */
  outcome?: ProtocolOutcome;
  comment: string;
  /** `Playwright`, `terminalen`, `sessionssidan` */
  recordedBy?: string;
  durationMs?: number;
  /** Manual: the instructions given; automated: the tags that chose its scenarios. */
  what: string;
  /** Automated: each test with its status. */
  tests: Array<{ title: string; status: string }>;
  /** Manual: each observation and how many matching exchanges were seen. */
  observed: Array<{ description: string; seen: number; person?: boolean }>;
  /** The case's traffic (for its sequence diagram). */
  traffic: JournalEntry[];
  /** Links to the evidence, relative to the protocol. */
  evidence: Array<{ label: string; href: string }>;
}

export interface ProtocolModel {
  sessionId: string;
  date: string;
  vendorGroup: string;
  region: string;
  journal: string;
  /** How the plan was narrowed, in words; empty for a full day. */
  selection: string;
  startedAt: number;
  finishedAt?: number;
  participants: Array<{ name: string; role?: string; organisation?: string }>;
  /** [what, version] */
  environment: Array<[string, string]>;
  software: Array<[string, string]>;
  profile: Array<[string, string]>;
  cases: ProtocolCase[];
  plannedMinutes: number;
  /** Links relative to the protocol: the Allure report, the PDF. */
  links: Array<{ label: string; href: string }>;
}
