/**
 * The `--journal` option: which journal system a topology talks to. `sim` is the journal-system
 * simulator; `external:<url>` is a real one (its base URL, or its CertificateStatusUpdateForCare
 * receiver's URL). In `up`, a value that is neither is still read as the traffic-journal file,
 * the option's meaning before `--traffic-journal` (see docs/decisions/0014).
 */
import { journalStatusUpdateUrl } from '../topology/topologyConfig.js';

export type JournalChoice = { mode: 'simulated' } | { mode: 'external'; url: string; receiver: string };

/** The forms `--journal` accepts, for help texts and errors. */
export const JOURNAL_FORMS = 'sim (the journal-system simulator) or external:<url> (a real one: its base URL or its status-update receiver URL)';

/** True when `value` is meant as a journal-system choice rather than a file. */
export function isJournalChoice(value: string): boolean {
  return value === 'sim' || value.startsWith('external:');
}

/**
 * Reads `sim` or `external:<url>`.
 * @throws Error naming the valid forms when `value` is neither or the URL is not an http(s) URL.
 */
export function parseJournalChoice(value: string): JournalChoice {
  if (value === 'sim') return { mode: 'simulated' };
  if (!value.startsWith('external:')) throw new Error(`--journal "${value}" is not a journal system; use ${JOURNAL_FORMS}.`);
  const url = value.slice('external:'.length).trim();
  let parsed: URL;
  try {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new Error('no scheme');
    parsed = new URL(url);
  } catch {
    throw new Error(`--journal ${value}: "${url}" is not a URL; write e.g. external:http://127.0.0.1:8080.`);
  }
  if (parsed.protocol !== 'http:') {
    throw new Error(
      `--journal ${value}: the Webcert simulator sends status updates over plain http only (not ${parsed.protocol.replace(/:$/, '')}); ` +
        'give the receiver\'s http URL, or put a TLS-terminating proxy in front of it.',
    );
  }
  return { mode: 'external', url, receiver: journalStatusUpdateUrl(url) };
}
