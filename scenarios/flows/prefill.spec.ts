/**
 * CreateDraftCertificate 3.3 `forifyllnad`: the journal system prefills a LISJP and the doctor
 * finds the answers in the draft page (Webcert's feature CREATE_DRAFT_PREFILL is on for LISJP
 * only). Answers the form has no question for are ignored, as Webcert's prefill handler ignores
 * them; a prefilled DB gets nothing.
 */
import type { PrefillSvar } from '../../simulators/journal/message/createDraftRequest.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { svarIds } from './messageChecks.js';
import { settle } from './statusFlowSteps.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';
import { clickAndAwaitLoad, certificatePage } from './pageWaits.js';

const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };
const cv = (code: string, codeSystem: string, displayName?: string) => ({ cv: { code, codeSystem, displayName } });

/** What a journal system knows at the visit: basis, occupation, diagnosis, findings, sick leave. */
const FULL_PREFILL: PrefillSvar[] = [
  { id: '1', instans: 1, delsvar: [{ id: '1.1', value: cv('UNDERSOKNING', 'KV_FKMU_0001', 'Min undersökning av patienten') }, { id: '1.2', value: '2026-03-02' }] },
  { id: '1', instans: 2, delsvar: [{ id: '1.1', value: cv('TELEFONKONTAKT', 'KV_FKMU_0001') }, { id: '1.2', value: '2026-02-27' }] },
  { id: '28', instans: 1, delsvar: [{ id: '28.1', value: cv('NUVARANDE_ARBETE', 'KV_FKMU_0002') }] },
  { id: '29', delsvar: [{ id: '29.1', value: 'Lagerarbetare, tunga lyft' }] },
  { id: '6', delsvar: [{ id: '6.2', value: cv('J20', '1.2.752.116.1.1.1.1.3', 'Akut bronkit') }, { id: '6.1', value: 'Akut bronkit' }] },
  { id: '35', delsvar: [{ id: '35.1', value: 'Hosta och nedsatt kondition.' }] },
  { id: '17', delsvar: [{ id: '17.1', value: 'Klarar inte tunga lyft.' }] },
  { id: '32', instans: 1, delsvar: [{ id: '32.1', value: cv('HELT_NEDSATT', 'KV_FKMU_0003', '100%') }, { id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } }] },
  { id: '39', delsvar: [{ id: '39.1', value: cv('STOR_SANNOLIKHET', 'KV_FKMU_0006') }] },
  { id: '40', instans: 1, delsvar: [{ id: '40.1', value: cv('EJ_AKTUELLT', 'KV_FKMU_0004') }] },
  { id: '25', delsvar: [{ id: '25.1', value: 'Förifyllt från journalen.' }] },
  // Not a LISJP question: Webcert ignores it (and a sick-leave level it does not know).
  { id: '99', delsvar: [{ id: '99.1', value: 'okänd fråga' }] },
  { id: '32', instans: 2, delsvar: [{ id: '32.1', value: cv('NITTIO_PROCENT', 'KV_FKMU_0003') }, { id: '32.2', value: { datePeriod: { start: '2026-03-16', end: '2026-03-20' } } }] },
];

test.describe('förifyllnad i CreateDraftCertificate 3.3', { tag: ['@create-draft', '@lifecycle', '@LISJP'] }, () => {
  test('ett förifyllt LISJP visar svaren i utkastet och kan signeras direkt', async ({ page, topology, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett förifyllt LISJP-utkast; SKAPAT bär redan svaren', async () => {
      const outcome = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN, ref: 'vk-prefill', forifyllnad: FULL_PREFILL });
      expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK' });
      const id = (outcome as { certificateId: string }).certificateId;
      await settle(topology, 60_000);
      // The journal system sees the prefilled answers already in SKAPAT.
      const skapat = (await admin.statusUpdates({ certificateId: id, eventCode: 'SKAPAT' }))[0]!;
      expect(svarIds(skapat.xml)).toEqual(['1#1', '1#2', '28#1', '29', '6', '35', '17', '32#1', '39', '40#1', '25']);
      return id;
    });

    await steg('Utkastet öppnas från journalen och visar svaren, klart att signera', async () => {
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
      await expect(page.locator('#intygsstatus')).toHaveText('Utkast, klart att signera');
      await expect(page.getByLabel('Min undersökning av patienten', { exact: true })).toBeChecked();
      await expect(page.getByLabel('Min undersökning av patienten, datum')).toHaveValue('2026-03-02');
      await expect(page.getByLabel('Min telefonkontakt med patienten, datum')).toHaveValue('2026-02-27');
      await expect(page.getByLabel('Nuvarande arbete', { exact: true })).toBeChecked();
      await expect(page.getByLabel('Ange yrke och arbetsuppgifter')).toHaveValue('Lagerarbetare, tunga lyft');
      await expect(page.getByLabel('Diagnoskod (ICD-10-SE)')).toHaveValue('J20');
      await expect(page.getByLabel('Diagnos', { exact: true })).toHaveValue('Akut bronkit');
      await expect(page.getByLabel(/^Funktionsnedsättning/)).toHaveValue('Hosta och nedsatt kondition.');
      await expect(page.getByLabel('100 procent, till och med')).toHaveValue('2026-03-15');
      await expect(page.getByLabel('75 procent', { exact: true })).not.toBeChecked();
      await expect(page.getByRole('group', { name: /^Prognos för arbetsförmåga/ }).getByRole('radio', { checked: true })).toHaveAccessibleName(/efter denna sjukskrivning/);
      await expect(page.getByLabel('Inte aktuellt')).toBeChecked();
      await expect(page.getByLabel('Övriga upplysningar')).toHaveValue('Förifyllt från journalen.');
    });

    await steg('Intyget signeras direkt; journalsystemet får SKAPAT och SIGNAT', async () => {
      await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id));
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
      await settle(topology, 10 * 60_000);
      expect((await admin.statusUpdates({ certificateId: id })).map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT']);
    });
  });

  test('ett delvis förifyllt LISJP visar det som finns och vad som saknas', async ({ page, topology, journalUser }) => {
    const partial = FULL_PREFILL.filter((s) => s.id === '6' || s.id === '35');
    const id = await steg('Journalsystemet skapar ett LISJP-utkast med diagnos och funktionsnedsättning ifyllda', async () => {
        const outcome = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN, forifyllnad: partial });
        return (outcome as { certificateId: string }).certificateId;
    });
    await steg('Utkastet visar det som finns och att uppgifter saknas; det kan inte signeras', async () => {
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
      await expect(page.locator('#intygsstatus')).toHaveText('Utkast, uppgifter saknas');
      await expect(page.getByLabel('Diagnoskod (ICD-10-SE)')).toHaveValue('J20');
      await expect(page.getByLabel(/^Funktionsnedsättning/)).toHaveValue('Hosta och nedsatt kondition.');
      await expect(page.getByLabel(/^Aktivitetsbegränsning/)).toHaveValue('');
      await expect(page.getByRole('button', { name: 'Signera intyget' })).toBeDisabled();
    });
  });

  test('förifyllnad för ett dödsbevis ignoreras (funktionen är bara på för LISJP)', { tag: ['@DB'] }, async ({ topology, admin, journalUser }) => {
    await steg('Journalsystemet skapar ett förifyllt dödsbevisutkast: OK, men SKAPAT har inga svar och Webcert noterar varför', async () => {
      const outcome = await journalUser.createDraft({
        typeCode: 'DB', patient: TOLVAN, forifyllnad: [{ id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] }],
    });
    expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK' });
    await settle(topology, 60_000);
    const skapat = (await admin.statusUpdates({ certificateId: (outcome as { certificateId: string }).certificateId, eventCode: 'SKAPAT' }))[0]!;
    expect(svarIds(skapat.xml)).toEqual([]);
    expect((await admin.journal({ operation: 'CreateDraftCertificate', side: 'inbound' }))[0]!.message).toContain('forifyllnad ignored: CREATE_DRAFT_PREFILL is not on for DB');
    });
  });
});
