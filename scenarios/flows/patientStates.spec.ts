/**
 * Patients as the population register (PU) has them, through CreateDraftCertificate, the launch
 * and the status updates, with Webcert's texts: protected identity (types and roles refused, the
 * sekretess refusal at launch, the name replaced in every status update of LISJP), deceased (only
 * DOI, "Patienten är avliden"), not found and PU unreachable (refused at CreateDraft, pu-problem
 * at launch), a reservnummer (refused), and a samordningsnummer from CreateDraft to
 * Försäkringskassan. Observed through the wire only: answers, the journal system's inbox and the
 * traffic journal via the admin API, and Webcert's pages.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { invalidMessages } from './messageChecks.js';
import { admin, advance, DOCTOR, exchanges, recipientInbox, UNIT } from './sendSteps.js';
import { fillTypeForm } from './typeForms.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';
import {
  CARE_ADMINISTRATOR, draftId, expectErrorPage, expectSchemaValidTraffic, PATIENTS, patientIn, statusUpdates, WEBCERT_TEXTS,
} from './patientSteps.js';
import { clickAndAwaitLoad, certificatePage } from './pageWaits.js';

test.use({ topologyConfig: { admin: {} } });

const SAMORDNINGSNUMMER_OID = '1.2.752.129.2.1.3.3';
const PERSONNUMMER_OID = '1.2.752.129.2.1.3.1';
const refusal = (errorId: string, resultText: string) => ({ kind: 'answer', resultCode: 'ERROR', errorId, resultText });

test.describe('patienter ur folkbokföringen (PU)', { tag: ['@patient', '@create-draft', '@launch'] }, () => {
  // Each scenario walks a whole certificate through Chromium, some twice: room for a loaded machine.
  test.describe.configure({ timeout: 180_000 });

  test('skyddade personuppgifter: typ och roll nekas, vårdadministratören stoppas vid start, LISJP:s statusuppdateringar bär "Skyddade personuppgifter"', { tag: ['@LISJP'] }, async ({ page, topology, journalUser, journalUserFor }) => {
    const sigrid = PATIENTS.protectedIdentity;
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: sigrid })).toMatchObject(
      refusal('APPLICATION_ERROR', 'Intygstypen Dödsbevis kan inte utfärdas för patienter med skyddade personuppgifter.'),
    );
    const careAdministrator = await journalUserFor({ user: CARE_ADMINISTRATOR, unit: { hsaId: UNIT, name: 'Vårdcentralen Samverkan' } });
    expect(await careAdministrator.createDraft({ typeCode: 'LISJP', patient: sigrid })).toMatchObject(refusal('APPLICATION_ERROR', WEBCERT_TEXTS.protectedRole));
    expect(await admin(topology, `/webcert/certificates?personId=${sigrid.personId}`)).toEqual([]);

    // A doctor may; the care administrator cannot open it from the journal.
    const lisjp = draftId(await journalUser.createDraft({ typeCode: 'LISJP', patient: sigrid, ref: 'vk-skyddad' }));
    await fakeLogin(page, topology, CARE_ADMINISTRATOR.hsaId, UNIT);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expectErrorPage(page, 'auth-exception-sekretessmarkering', 'Behörighet saknas', WEBCERT_TEXTS.sekretessPage);

    await page.context().clearCookies();
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expect(page.locator('#patient')).toHaveText('Sigrid Skyddad – 19501214-2385');
    await expect(page.locator('#patientstatus')).toHaveText('Patienten har skyddade personuppgifter');
    await fillLisjp(page);
    await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(lisjp));
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    await admin(topology, `/webcert/certificates/${lisjp}/send`, { body: { by: DOCTOR } });
    await advance(topology, '10m');

    const updates = await statusUpdates(topology, lisjp);
    expect(updates.map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    for (const u of updates) {
      expect(patientIn(u.xml), u.eventCode).toEqual({
        root: PERSONNUMMER_OID, extension: sigrid.personId, fornamn: '', mellannamn: '', efternamn: 'Skyddade personuppgifter', postadress: '', postnummer: '', postort: '',
      });
    }

    // AG7804 may be issued for her, and is not a type whose status updates Webcert rewrites from PU.
    const ag7804 = draftId(await journalUser.createDraft({ typeCode: 'AG7804', patient: sigrid }));
    await advance(topology, '1m');
    const [skapat] = await statusUpdates(topology, ag7804);
    expect(patientIn(skapat!.xml)).toMatchObject({ fornamn: 'Sigrid', efternamn: 'Skyddad', postadress: 'Hemliga gatan 1' });
    await expectSchemaValidTraffic(topology);
  });

  test('avliden: bara dödsorsaksintyg får skapas, sidan säger "Patienten är avliden"; en patient som avlider efteråt likaså', { tag: ['@DOI'] }, async ({ page, topology, journalUser }) => {
    const elsa = PATIENTS.deceased;
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: elsa })).toMatchObject(
      refusal('APPLICATION_ERROR', 'Cannot issue intyg type lisjp for deceased patient 19400315-2347'),
    );
    // Webcert's features.yaml lets only DOI through for a patient PU marks deceased (see patientRules.ts).
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: elsa })).toMatchObject(
      refusal('APPLICATION_ERROR', 'Cannot issue intyg type db for deceased patient 19400315-2347'),
    );
    const doi = await journalUser.createDraft({ typeCode: 'DOI', patient: elsa, ref: 'vk-doi' });
    expect(doi).toMatchObject({ kind: 'answer', resultCode: 'INFO' });
    const doiId = draftId(doi);

    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, doiId, { enhet: UNIT });
    await expect(page.getByRole('heading', { name: 'Dödsorsaksintyg' })).toBeVisible();
    await expect(page.locator('#patientstatus')).toHaveText('Patienten är avliden');
    await fillTypeForm(page, 'DOI');
    await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(doiId));
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    await advance(topology, '10m');
    const updates = await statusUpdates(topology, doiId);
    expect(updates.map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    for (const u of updates) expect(patientIn(u.xml), u.eventCode).toMatchObject({ extension: elsa.personId, fornamn: 'Elsa', efternamn: 'Avliden' });

    // Tolvan's LISJP was made while he lived; PU then marks him deceased: the page says so at the next launch.
    const tolvan = PATIENTS.ordinary;
    const lisjp = draftId(await journalUser.createDraft({ typeCode: 'LISJP', patient: tolvan }));
    await admin(topology, `/webcert/population-register/${tolvan.personId}`, {
      method: 'PUT', body: { ...tolvan, postadress: 'Svensson, Storgatan 2', postnummer: '12345', postort: 'Testby', avliden: '2026-03-02' },
    });
    await page.context().clearCookies();
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expect(page.locator('#patientstatus')).toHaveText('Patienten är avliden');
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: tolvan })).toMatchObject(
      refusal('APPLICATION_ERROR', 'Cannot issue intyg type lisjp for deceased patient 19121212-1212'),
    );
    await expectSchemaValidTraffic(topology);
  });

  test('okänd i PU och PU nere: nekas vid CreateDraft; vid start pu-problem med Webcerts sida', async ({ page, topology, journalUser }) => {
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: PATIENTS.notFound })).toMatchObject(refusal('APPLICATION_ERROR', WEBCERT_TEXTS.puNotFound));
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: PATIENTS.puUnreachable })).toMatchObject(refusal('APPLICATION_ERROR', WEBCERT_TEXTS.puUnreachable));
    // PU down for one call (a fault rule), then back.
    await admin(topology, '/faults', { body: { party: 'webcert', operation: 'GetPerson', effect: { kind: 'reset' }, times: 1 } });
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: PATIENTS.ordinary })).toMatchObject(refusal('APPLICATION_ERROR', WEBCERT_TEXTS.puUnreachable));
    const lisjp = draftId(await journalUser.createDraft({ typeCode: 'LISJP', patient: PATIENTS.ordinary }));

    // PU no longer finds the patient: the launch ends on Webcert's pu-problem page.
    const tolvan = PATIENTS.ordinary;
    await admin(topology, `/webcert/population-register/${tolvan.personId}`, {
      method: 'PUT', body: { ...tolvan, postadress: '', postnummer: '', postort: '', puStatus: 'NOT_FOUND' },
    });
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expectErrorPage(page, 'pu-problem', 'Intyget kunde inte visas', WEBCERT_TEXTS.puProblemPage);

    // Found again, but PU does not answer when the launch asks.
    await admin(topology, `/webcert/population-register/${tolvan.personId}`, {
      method: 'PUT', body: { ...tolvan, postadress: 'Svensson, Storgatan 2', postnummer: '12345', postort: 'Testby' },
    });
    await admin(topology, '/faults', { body: { party: 'webcert', operation: 'GetPerson', effect: { kind: 'noAnswer' }, match: { personId: tolvan.personId }, times: 1 } });
    await page.context().clearCookies();
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expectErrorPage(page, 'pu-problem', 'Intyget kunde inte visas', WEBCERT_TEXTS.puProblemPage);
    await page.context().clearCookies();
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expect(page.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    await expect(page.locator('#patientstatus')).toHaveCount(0);

    await advance(topology, '1m');
    expect((await statusUpdates(topology, lisjp)).map((u) => u.eventCode)).toEqual(['SKAPAT']);
    expect(await admin(topology, `/webcert/certificates?personId=${PATIENTS.notFound.personId}`)).toEqual([]);
    await expectSchemaValidTraffic(topology);
  });

  test('reservnummer nekas vid CreateDraft: format som personnummer av PU, Stockholms 99-nummer redan av fältkontrollen', async ({ topology, journalUser }) => {
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: PATIENTS.reservnummer })).toMatchObject(refusal('APPLICATION_ERROR', WEBCERT_TEXTS.puNotFound));
    expect(await journalUser.createDraft({ typeCode: 'LISJP', patient: { ...PATIENTS.reservnummer, personId: '997813131310' } })).toMatchObject(
      refusal('VALIDATION_ERROR', 'Cannot create Personnummer object with invalid personId 997813131310, Cannot validate null'),
    );
    expect(await admin(topology, '/webcert/certificates')).toEqual([]);
    const answers = await exchanges(topology, { operation: 'CreateDraftCertificate', side: 'inbound' });
    expect(answers.map((e) => e.errorId)).toEqual(['APPLICATION_ERROR', 'VALIDATION_ERROR']);
    expect(invalidMessages(answers, requireSchemaRoot())).toEqual([]);
  });

  test('samordningsnummer hela vägen: CreateDraft, start, signering, Försäkringskassan; varje statusuppdatering med samordningsnummerroten', { tag: ['@LISJP', '@send'] }, async ({ page, topology, journalUser }) => {
    const sam = PATIENTS.samordningsnummer;
    const lisjp = draftId(await journalUser.createDraft({ typeCode: 'LISJP', patient: sam, ref: 'vk-sam' }));
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, lisjp, { enhet: UNIT });
    await expect(page.locator('#patient')).toHaveText('Sam Ordningsson – 19800969-2388');
    await expect(page.locator('#patientstatus')).toHaveCount(0);
    await fillLisjp(page);
    await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(lisjp));
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    await admin(topology, `/webcert/certificates/${lisjp}/send`, { body: { by: DOCTOR } });
    await advance(topology, '10m');

    const updates = await statusUpdates(topology, lisjp);
    expect(updates.map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    for (const u of updates) {
      expect(u.personId).toBe(sam.personId);
      expect(patientIn(u.xml), u.eventCode).toEqual({
        root: SAMORDNINGSNUMMER_OID, extension: sam.personId, fornamn: 'Sam', mellannamn: null, efternamn: 'Ordningsson', postadress: 'Tillfälliga vägen 1', postnummer: '12345', postort: 'Testby',
      });
    }
    const [atFk] = await recipientInbox(topology, 'FKASSA', lisjp);
    expect(atFk).toMatchObject({ kind: 'RegisterCertificate' });
    expect(patientIn(atFk!.xml)).toMatchObject({ root: SAMORDNINGSNUMMER_OID, extension: sam.personId });
    await expectSchemaValidTraffic(topology);
  });
});
