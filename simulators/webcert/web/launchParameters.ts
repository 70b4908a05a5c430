/**
 * The deep-integration launch parameters (webcert-surfaces.md §3.1) as one table: each
 * parameter's name, kind, default and what it does in Webcert. The launch reads them with
 * {@link readLaunchParameters}; the session keeps the result for every later request of the
 * session (Webcert's `WebCertUser.getParameters()`), read back with {@link launchParametersOf}.
 *
 * To give another parameter an effect: its value is already in {@link IntegrationParameters};
 * read it where the effect belongs (the access rules in access/certificateAccess.ts take the whole
 * set) and say so in its `effect` below.
 */
import type { WebcertSession } from './sessions.js';

/** How a parameter's text is read. */
export type LaunchParameterKind = 'text' | 'bool' | 'uuid';

/** One launch parameter. */
export interface LaunchParameterSpec {
  /** As the journal system posts it (form body) and as {@link IntegrationParameters} names it. */
  name: keyof IntegrationParameters | 'enhet';
  kind: LaunchParameterKind;
  /** For `bool`: the value when missing or empty. */
  default?: boolean;
  /** Read only from a POST (Webcert ignores it on the deprecated GET). */
  postOnly?: boolean;
  /** What Webcert does with it, and whether the simulator does the same yet. */
  effect: string;
}

/** Deep-integration parameters of a session's launch (Webcert's IntegrationParameters). */
export interface IntegrationParameters {
  alternatePatientSSn?: string;
  responsibleHospName?: string;
  fornamn?: string;
  mellannamn?: string;
  efternamn?: string;
  postadress?: string;
  postnummer?: string;
  postort?: string;
  sjf: boolean;
  ref?: string;
  inaktivEnhet: boolean;
  avliden: boolean;
  kopieringOK: boolean;
  launchId?: string;
}

/** Every parameter the launch reads, in the order Webcert's controller lists them. */
export const LAUNCH_PARAMETER_SPECS: readonly LaunchParameterSpec[] = Object.freeze([
  { name: 'enhet', kind: 'text', effect: 'the unit to act on; not kept with the others (launch.ts selects the unit)' },
  { name: 'alternatePatientSSn', kind: 'text', effect: 'the patient\'s current id from the journal: an editable draft is moved onto it (ANDRAT), a signed one shows it, renew/replace make the new draft on it' },
  { name: 'responsibleHospName', kind: 'text', effect: 'responsible care professional, shown on the certificate page' },
  { name: 'fornamn', kind: 'text', effect: 'patient name from the journal, shown when PU does not know the patient (patientDetails.ts)' },
  { name: 'mellannamn', kind: 'text', effect: 'patient name from the journal, as fornamn' },
  { name: 'efternamn', kind: 'text', effect: 'patient name from the journal, as fornamn' },
  { name: 'postadress', kind: 'text', effect: 'patient address, shown when PU does not know the patient and all three are given' },
  { name: 'postnummer', kind: 'text', effect: 'patient address, as postadress' },
  { name: 'postort', kind: 'text', effect: 'patient address, as postadress' },
  { name: 'sjf', kind: 'bool', default: false, effect: 'sammanhållen journalföring: lifts the unit rule for reading, so another care provider\'s certificate opens read-only (access/draftAccess.ts)' },
  { name: 'ref', kind: 'text', effect: 'the journal\'s reference: kept on the certificate when it has none, and on drafts made from it (renew, replace)' },
  { name: 'inaktivEnhet', kind: 'bool', default: false, effect: 'INACTIVE_UNIT: replace, renew and create-from-template refused; send, revoke and every draft action (edit, delete, sign, ready for signing) refused on another unit\'s certificate' },
  { name: 'avliden', kind: 'bool', default: false, effect: 'kept, used by nothing: Webcert takes a patient\'s death from PU, not from the launch' },
  { name: 'kopieringOK', kind: 'bool', default: true, effect: 'false = RENEW_FALSE: renew and create-from-template refused; replace, send, revoke and every draft action refused on another unit\'s certificate' },
  { name: 'launchId', kind: 'uuid', postOnly: true, effect: 'lets the journal end the session (POST /api/v1/session/invalidate)' },
] satisfies LaunchParameterSpec[]);

/** Every parameter name; any of them in the query string of a POST launch is an error in Webcert. */
export const LAUNCH_PARAMETER_NAMES: readonly string[] = LAUNCH_PARAMETER_SPECS.map((p) => p.name);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why the parameters of a launch are not accepted, as Webcert's error page reason. */
export class LaunchParameterError extends Error {
  readonly reason = 'missing-parameter';
}

/**
 * The integration parameters of a launch (`enhet` is read apart: it is not kept).
 * @throws {LaunchParameterError} when a `uuid` parameter is not a UUID.
 */
export function readLaunchParameters(values: URLSearchParams, method: 'POST' | 'GET'): IntegrationParameters {
  const read: Record<string, string | boolean | undefined> = {};
  for (const spec of LAUNCH_PARAMETER_SPECS) {
    if (spec.name === 'enhet') continue;
    const raw = spec.postOnly && method !== 'POST' ? null : values.get(spec.name);
    const text = raw === null || raw.trim() === '' ? undefined : raw.trim();
    if (spec.kind === 'bool') read[spec.name] = text === undefined ? spec.default ?? false : text.toLowerCase() === 'true';
    else if (spec.kind === 'uuid' && text !== undefined && !UUID.test(text)) throw new LaunchParameterError(`${spec.name} "${text.slice(0, 60)}" is not a UUID`);
    else read[spec.name] = text;
  }
  return read as unknown as IntegrationParameters;
}

/**
 * The parameters of the session's launch, or undefined when the session was not launched from a
 * journal (Webcert: `user.getParameters() == null`, and nothing is restricted by them).
 */
export function launchParametersOf(session: WebcertSession | undefined): IntegrationParameters | undefined {
  return session?.integration?.parameters;
}
