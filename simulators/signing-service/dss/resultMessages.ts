/**
 * The Swedish `dss:ResultMessage` (xml:lang="sv") of an error SignResponse: a sentence for the
 * result code, then the technical detail (English, as every error in the project is written) so
 * that whoever reads Webcert's log line "resultMajor - resultMinor - resultMessage" sees why.
 */
import { RESULT_MINOR } from './dssNames.js';
import type { DssResultError } from './dssProblems.js';

const SENTENCES: Readonly<Record<string, string>> = {
  [RESULT_MINOR.reqExpired]: 'Underskriftsbegäran har gått ut.',
  [RESULT_MINOR.userMismatch]: 'Den som legitimerade sig är inte den som ska skriva under.',
  [RESULT_MINOR.unsupportedLoa]: 'Legitimeringen gjordes inte med någon av de begärda tillitsnivåerna.',
  [RESULT_MINOR.sigMessageError]: 'Det gick inte att bekräfta att underskriftsmeddelandet visades för användaren.',
  [RESULT_MINOR.userCancel]: 'Användaren avbröt underskriften.',
  [RESULT_MINOR.authnFailed]: 'Legitimeringen misslyckades.',
  [RESULT_MINOR.securityViolation]: 'Underskriften stoppades av säkerhetsskäl.',
  [RESULT_MINOR.notSupported]: 'Underskriftsbegäran är felaktig eller begär något som tjänsten inte stöder.',
  [RESULT_MINOR.generalError]: 'Ett fel uppstod i underskriftstjänsten.',
  [RESULT_MINOR.keyLookupFailed]: 'Underskriftsnyckeln kunde inte skapas.',
};

/** Swedish sentence for a ResultMinor (a general one for unknown codes). */
export function resultSentence(resultMinor: string | undefined): string {
  return (resultMinor && SENTENCES[resultMinor]) || 'Underskriften kunde inte genomföras.';
}

/** The full ResultMessage: the sentence (or the error's own Swedish summary) and the detail. */
export function resultMessageSv(error: DssResultError): string {
  return `${error.summarySv ?? resultSentence(error.resultMinor)} Detalj: ${error.message}`;
}
