/**
 * Incidents a journal-system vendor can reproduce alone, on the embedded topology: the two
 * production incidents of May 2022 (user forum 2022-05-30 §2), the signing service's certificate
 * rotated without Webcert reading new metadata, and a status-update receiver down for a day.
 * Each preset runs its reproduction in `scenarios/incidents` and writes the report.
 */

export interface IncidentPreset {
  id: string;
  /** Swedish, as in the report. */
  title: string;
  /** Where it comes from. */
  source: string;
  /** What happened, and what the reproduction shows. */
  what: string;
  /** What to look at in the report. */
  lookFor: string;
  /** Playwright `--grep`: the title of the reproduction in scenarios/incidents. */
  grep: string;
}

export const INCIDENT_PRESETS: readonly IncidentPreset[] = [
  {
    id: 'eid-client-missing',
    title: 'SITHS eID-klienten är inte installerad',
    source: 'Användarforum Webcert 2022-05-30 §2, incident i maj 2022',
    what: 'Användare utan Windows SITHS eID-klienten kunde inte signera. Reproduktionen startar en signering där appen aldrig hämtar ordern: användaren får veta varför, och avbryter.',
    lookFor: 'Skärmbilden av vad användaren ser och trafiken: SignRequest ut, ingen hämtning av ordern i eID-appen, SignResponse med user-cancel.',
    grep: 'SITHS eID-klienten är inte installerad',
  },
  {
    id: 'signing-cert-expired',
    title: 'Underskriftstjänstens certifikat har gått ut',
    source: 'Användarforum Webcert 2022-05-30 §2, incident i maj 2022',
    what: 'Ett certifikat hos underskriftstjänsten hade gått ut. Reproduktionen låter certifikatet gå ut: tjänsten vägrar signera och Webcert avvisar svaret; utkastet förblir osignerat.',
    lookFor: 'DSS SignResponse i trafiken med tjänstens och Webcerts förklaringar (utgånget certifikat; undertecknaren finns inte i metadata).',
    grep: 'underskriftstjänstens certifikat har gått ut',
  },
  {
    id: 'signing-cert-rotated',
    title: 'Underskriftstjänstens certifikat byttes utan ny metadata i Webcert',
    source: 'integration-requirements §4 (Webcert läser tjänstens metadata vid start)',
    what: 'Tjänsten byter certifikat men Webcert har kvar metadata från start: svaren avvisas tills Webcert läser in ny metadata, sedan går signeringen igen.',
    lookFor: 'Första DSS SignResponse avvisad (inte bland certifikaten i metadata), efter omkonfigurationen signerat intyg.',
    grep: 'certifikatet byttes utan att Webcerts metadata uppdaterades',
  },
  {
    id: 'receiver-down-a-day',
    title: 'Statusmottagaren nere ett dygn',
    source: 'Användarforum Webcert 2022-05-30 §9 (omsändning), integration-requirements JR-S06, JR-S10',
    what: 'Journalsystemets mottagare av CertificateStatusUpdateForCare svarar 503 i ett dygn: Webcert skickar om enligt schemat (1, 5, 30, 60 min, 4 h, sedan dagligen) och nästa omsändning efter att mottagaren är uppe besvaras OK.',
    lookFor: 'Schemakontrollen (schedule-check) och sekvensdiagrammet: försök 1–6 med 503, försök 7 med OK, inget efter det.',
    grep: 'statusmottagaren nere ett dygn',
  },
];

/** A preset by id. @throws Error listing the valid ids */
export function findIncidentPreset(id: string): IncidentPreset {
  const preset = INCIDENT_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown incident "${id}"; valid choices: ${INCIDENT_PRESETS.map((p) => p.id).join(', ')} (see: npx samverkan incident list)`);
  return preset;
}
