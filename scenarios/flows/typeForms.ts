/**
 * Filling the draft form of each certificate type in the browser, as a doctor would: by the
 * labels and questions on the page. Each type's steps give a complete draft for Tolvan
 * Tolvansson on the scenarios' virtual Monday 2026-03-02.
 */
import type { Page } from '@playwright/test';
import { expectReadyToSign, fillLisjp } from './webcertPages.js';

/** One thing the doctor does on the form. */
export type FormStep =
  /** Types into the field with this label. */
  | { label: string | RegExp; fill: string; exact?: boolean }
  /** Ticks the checkbox with this label. */
  | { label: string | RegExp; tick: true; exact?: boolean }
  /** Picks the option with this label in the question (radio group) `group`. */
  | { group: string | RegExp; choose: string }
  /** Ticks the option with this label in the question (checkbox group) `group`. */
  | { group: string | RegExp; tickOption: string }
  /** Answers "Nej" to every Ja/Nej question on the page not answered yet. */
  | { allNo: true };

/** Carries out the steps in order. */
export async function fillSteps(page: Page, steps: readonly FormStep[]): Promise<void> {
  for (const step of steps) {
    if ('allNo' in step) {
      const questions = page.getByRole('group').filter({ has: page.getByRole('radio', { name: 'Nej', exact: true }) });
      for (const question of await questions.all()) {
        if (await question.getByRole('radio', { checked: true }).count()) continue;
        await question.getByRole('radio', { name: 'Nej', exact: true }).check();
      }
    } else if ('group' in step) {
      const group = page.getByRole('group', { name: step.group });
      if ('choose' in step) await group.getByRole('radio', { name: step.choose, exact: true }).check();
      else await group.getByRole('checkbox', { name: step.tickOption, exact: true }).check();
    } else if ('tick' in step) {
      await page.getByLabel(step.label, { exact: step.exact }).check();
    } else {
      await page.getByLabel(step.label, { exact: step.exact }).fill(step.fill);
    }
  }
}

const sosBasics: FormStep[] = [
  { label: 'Identiteten styrkt genom', fill: 'Körkort' },
  { group: 'Dödsdatum', choose: 'Säkert' },
  { label: 'Datum', exact: true, fill: '2026-03-01' },
  { label: /^Kommun/, fill: 'Testby' },
  { group: 'Boende där kroppen påträffades', choose: 'Sjukhus' },
  { group: 'Avlidet inom 28 dygn efter födelsen', choose: 'Nej' },
];

const basis: FormStep[] = [{ label: 'Min undersökning av patienten, datum', fill: '2026-03-02' }];
const diagnosis = (code: string, text: string): FormStep[] => [
  { label: 'Diagnoskod (ICD-10-SE)', fill: code },
  { label: 'Diagnos', exact: true, fill: text },
];
const fkUtlatande: FormStep[] = [
  ...basis,
  { label: 'Jag har känt patienten sedan den', fill: '2020-01-15' },
  { group: /andra medicinska utredningar eller underlag/, choose: 'Nej' },
  ...diagnosis('F32.1', 'Medelsvår depressiv episod'),
];
const luseLike: FormStep[] = [
  ...fkUtlatande,
  { label: /^Bakgrund/, fill: 'Depression sedan 2019.' },
  { label: 'När och var ställdes diagnosen/diagnoserna?', fill: 'Vårdcentralen 2019.' },
  { group: /revidera\/uppdatera tidigare satt diagnos/, choose: 'Nej' },
  { label: 'Övergripande psykosociala funktioner', fill: 'Svårt att fungera i sociala sammanhang.' },
  { label: /^Aktivitetsbegränsningar/, fill: 'Klarar inte att arbeta.' },
  { label: /medicinska förutsättningar för arbete/, fill: 'Långsam förbättring.' },
];
const sickLeave: FormStep[] = [
  { label: /^Funktionsnedsättning/, fill: 'Nedsatt kondition.' },
  { label: /^Aktivitetsbegränsning/, fill: 'Klarar inte tunga lyft.' },
  { label: '100 procent, från och med', fill: '2026-03-02' },
  { label: '100 procent, till och med', fill: '2026-03-15' },
  { group: /^Prognos för arbetsförmåga/, choose: 'Patienten förväntas kunna återgå helt i nuvarande sysselsättning efter denna sjukskrivning.' },
  { label: 'Inte aktuellt', tick: true },
];

/** The steps that complete each type's draft (LISJP: {@link fillLisjp}). */
export const TYPE_FORM_STEPS: Readonly<Record<string, readonly FormStep[]>> = {
  DB: [
    ...sosBasics,
    { group: /implantat som kan explodera/, choose: 'Nej' },
    { group: 'Har yttre undersökning av kroppen genomförts?', choose: 'Ja' },
    { group: 'Finns skäl för polisanmälan?', choose: 'Nej' },
  ],
  DOI: [
    ...sosBasics,
    { label: 'Den terminala dödsorsaken var', exact: true, fill: 'Hjärtinfarkt' },
    { label: 'Den terminala dödsorsaken var, ungefärlig debut', fill: '2026-03-01' },
    { label: 'B. Som var en följd av', exact: true, fill: 'Kranskärlssjukdom' },
    { group: 'Opererad inom 4 veckor före döden?', choose: 'Nej' },
    { group: 'Dödsfall i samband med skada/förgiftning?', choose: 'Nej' },
    { label: 'Undersökning före döden', tick: true },
  ],
  LUSE: luseLike,
  LUAE_NA: luseLike,
  LUAE_FS: [
    ...fkUtlatande,
    { label: /hur patientens funktionsnedsättning debuterat/, fill: 'Debuterade i tonåren.' },
    { label: /förmåga att klara sin skolgång/, fill: 'Har inte klarat skolgången.' },
  ],
  'AG1-14': [
    ...basis,
    { label: 'Nuvarande arbete', exact: true, tick: true },
    { label: 'Ange yrke och arbetsuppgifter', fill: 'Lagerarbetare' },
    { group: /uppge information om diagnos/, choose: 'Nej' },
    { label: 'På vilket sätt medför sjukdomen nedsatt arbetsförmåga?', fill: 'Kan inte lyfta.' },
    { group: 'Finns arbetsförmåga trots sjukdom?', choose: 'Nej' },
    { label: /nedsatt med \(procent\)/, fill: '50' },
    { label: 'Från och med', exact: true, fill: '2026-03-02' },
    { label: 'Till och med', exact: true, fill: '2026-03-15' },
  ],
  AG7804: [
    ...basis,
    { label: 'Nuvarande arbete', exact: true, tick: true },
    { label: 'Ange yrke och arbetsuppgifter', fill: 'Lagerarbetare' },
    { group: /förmedla information om diagnos/, choose: 'Ja' },
    ...diagnosis('J20', 'Akut bronkit'),
    ...sickLeave,
  ],
  TSTRK1007: [
    { group: 'Intyget avser behörighet', tickOption: 'C1' },
    { group: 'Identitet styrkt genom', choose: 'ID-kort' },
    { allNo: true },
    { label: 'Synskärpa höger öga utan korrektion', fill: '1,0' },
    { label: 'Synskärpa vänster öga utan korrektion', fill: '0,8' },
    { label: 'Synskärpa binokulärt utan korrektion', fill: '1,0' },
    { group: 'Patienten uppfyller kraven för', tickOption: 'C1' },
  ],
  TSTRK1031: [
    { group: 'Intyget avser behörighet', tickOption: 'B' },
    { group: 'Identitet styrkt genom', choose: 'Svenskt körkort' },
    { group: 'Patienten följs upp av', choose: 'Primärvård' },
    { label: 'Ange år då diagnosen diabetes ställdes', fill: '2010' },
    { group: 'Typ av diabetes', choose: 'Typ 2' },
    { allNo: true },
    { group: 'Patienten uppfyller kraven för', tickOption: 'B' },
  ],
};

/** Completes the draft of `typeCode` on the open certificate page and waits for the autosave. */
export async function fillTypeForm(page: Page, typeCode: string): Promise<void> {
  if (typeCode === 'LISJP') return fillLisjp(page);
  const steps = TYPE_FORM_STEPS[typeCode];
  if (!steps) throw new Error(`No form steps for ${typeCode}: add them to TYPE_FORM_STEPS`);
  await fillSteps(page, steps);
  await expectReadyToSign(page);
}
