/**
 * The patient's name and address as the certificate page shows them, from Webcert's sources in
 * its order (PatientDetailsResolverImpl, the usual resolve order of a type): the population
 * register (PU, here the directory) first; when PU does not know the patient, the launch's
 * `fornamn`/`mellannamn`/`efternamn` (only for a user launched from a journal) and its
 * `postadress`/`postnummer`/`postort` (only when all three are given); last what the certificate
 * itself carries (from CreateDraftCertificate).
 */
import type { Patient } from '../model/certificate.js';
import type { IntegrationParameters } from './launchParameters.js';

export type PatientDetailSource = 'PU' | 'PARAMS' | 'INTYG';

export interface ShownPatient {
  name: string;
  nameSource: PatientDetailSource;
  address: string;
  addressSource: PatientDetailSource;
}

const fullName = (...parts: (string | undefined)[]) => parts.filter((p) => p && p.trim()).join(' ');

/** Name and address of `certificatePatient` from the first source that has them. */
export function shownPatient(certificatePatient: Patient, pu: Patient | undefined, launch: IntegrationParameters | undefined): ShownPatient {
  const paramsName = launch && (launch.fornamn || launch.efternamn) ? fullName(launch.fornamn, launch.mellannamn, launch.efternamn) : undefined;
  const paramsAddress = launch?.postadress && launch.postnummer && launch.postort ? `${launch.postadress}, ${launch.postnummer} ${launch.postort}` : undefined;
  const address = (p: Patient) => `${p.postadress}, ${p.postnummer} ${p.postort}`;
  const [name, nameSource]: [string, PatientDetailSource] = pu
    ? [fullName(pu.fornamn, pu.mellannamn, pu.efternamn), 'PU']
    : paramsName ? [paramsName, 'PARAMS'] : [fullName(certificatePatient.fornamn, certificatePatient.mellannamn, certificatePatient.efternamn), 'INTYG'];
  const [addr, addressSource]: [string, PatientDetailSource] = pu ? [address(pu), 'PU'] : paramsAddress ? [paramsAddress, 'PARAMS'] : [address(certificatePatient), 'INTYG'];
  return { name, nameSource, address: addr, addressSource };
}
