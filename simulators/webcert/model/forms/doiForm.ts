/**
 * Dödsorsaksintyg (DOI 1.0), the whole form: svar 1–4 shared with DB, the terminal cause of death
 * (8) and what it followed from (9, up to three), contributing diseases (10), operation (11),
 * injury/poisoning (12), what the cause rests on (13) and country (14), as sklintyg/common doi
 * `UtlatandeToIntyg` writes them and its `InternalDraftValidatorImpl` checks them.
 */
import { cvOptions, whenYes, yesNo } from './fieldBuilders.js';
import type { ChoiceOption, FormDefinition, FormField, FormRule } from './formDefinition.js';
import { barn, dodsdatumOchDodsplats, identitet, NOT_AFTER_DEATH, NOT_AFTER_FOUND_DEAD, NOT_BEFORE_FOUR_WEEKS, sharedRules } from './sosQuestions.js';

/** kv dödsorsaksuppgifter, kv orsak, NullFlavor and SNOMED CT (Webcert's Specifikation). */
export const KV_DODSORSAKSUPPGIFTER = 'f9051865-b97c-4ee3-98ab-db2b7a11176e';
export const KV_ORSAK = 'e5d1d1fb-d918-47b4-9e69-483d3be523ee';
export const NULL_FLAVOR = '2.16.840.1.113883.5.1008';
export const SNOMED_CT = '1.2.752.116.2.1.1.1';

/** "Specificera tillståndet": Akut, Kronisk or Uppgift saknas, as SNOMED CT / NullFlavor codes. */
function specifikation(delsvarId: string): ChoiceOption[] {
  const option = (value: string, label: string, code: string, codeSystem: string, displayName: string): ChoiceOption => ({
    value, label, emits: [{ delsvarId, value: { cv: { code, codeSystem, displayName } } }],
  });
  return [
    option('PLOTSLIG', 'Akut', '424124008', SNOMED_CT, 'plötslig debut och/eller kort duration'),
    option('KRONISK', 'Kronisk', '90734009', SNOMED_CT, 'kronisk'),
    option('UPPGIFT_SAKNAS', 'Uppgift saknas', 'NI', NULL_FLAVOR, 'Uppgift saknas'),
  ];
}

/** One cause: description, approximate onset and specification, in svar `svarId` (instans/group). */
function cause(name: string, label: string, svarId: string, place: { instans?: number; group?: string }, required: boolean): FormField[] {
  return [
    { kind: 'text', name, label, svarId, delsvarId: `${svarId}.1`, required, ...place, maxLength: 140 },
    { kind: 'date', name: `${name}Datum`, label: `${label}, ungefärlig debut`, svarId, delsvarId: `${svarId}.2`, notFuture: true, ...place },
    { kind: 'choice', name: `${name}Specifikation`, label: `${label}, specificera tillståndet`, svarId, options: specifikation(`${svarId}.3`), ...place },
  ];
}

const FOLJD = ['B', 'C', 'D'] as const;
const BIDRAGANDE = [1, 2, 3] as const;

const causeRules: FormRule[] = [
  { kind: 'notAfter', field: 'terminalDodsorsakDatum', other: 'dodsdatum', message: NOT_AFTER_DEATH },
  { kind: 'notAfter', field: 'terminalDodsorsakDatum', other: 'antraffatDod', message: NOT_AFTER_FOUND_DEAD },
  { kind: 'notAfter', field: 'foljdBDatum', other: 'terminalDodsorsakDatum', message: 'Ange ett datum, samma som eller tidigare än den terminala dödsorsaken.' },
  ...(['C', 'D'] as const).map((row, i): FormRule => ({
    kind: 'notAfter', field: `foljd${row}Datum`, other: `foljd${FOLJD[i]}Datum`,
    message: 'Ange ett datum, samma som eller tidigare än datumet för sjukdomen eller skadan som angavs i föregående "Som var en följd av".',
  })),
  ...BIDRAGANDE.flatMap((n): FormRule[] => [
    { kind: 'notAfter', field: `bidragande${n}Datum`, other: 'dodsdatum', message: NOT_AFTER_DEATH },
    { kind: 'notAfter', field: `bidragande${n}Datum`, other: 'antraffatDod', message: NOT_AFTER_FOUND_DEAD },
  ]),
];

export const DOI_FORM: FormDefinition = {
  typeCode: 'DOI',
  svarOrder: ['1', '2', '3', '4', '8', '9', '10', '11', '12', '13', '14'],
  sections: [
    {
      heading: 'Kompletterande patientuppgifter',
      fields: [identitet, { kind: 'text', name: 'land', label: 'Land (om ej stadigvarande bosatt i Sverige)', svarId: '14', delsvarId: '14.1', maxLength: 100 }],
    },
    { heading: 'Dödsdatum och dödsplats', fields: dodsdatumOchDodsplats },
    { heading: 'Barn som avlidit senast 28 dygn efter födelsen', fields: [barn] },
    {
      heading: 'Läkarens utlåtande om dödsorsaken',
      fields: [
        ...cause('terminalDodsorsak', 'Den terminala dödsorsaken var', '8', {}, true),
        ...FOLJD.flatMap((row, i) => cause(`foljd${row}`, `${row}. Som var en följd av`, '9', { instans: i + 1 }, false)),
        ...BIDRAGANDE.flatMap((n) => cause(`bidragande${n}`, `Andra sjukdomar eller skador som bidragit till dödsfallet (${n})`, '10', { group: `b${n}` }, false)),
      ],
    },
    {
      heading: 'Opererad inom fyra veckor före döden',
      fields: [
        {
          kind: 'choice', name: 'operation', label: 'Opererad inom 4 veckor före döden?', svarId: '11', required: true,
          options: [
            { value: 'JA', label: 'Ja', emits: [{ delsvarId: '11.1', value: 'true' }] },
            { value: 'NEJ', label: 'Nej', emits: [{ delsvarId: '11.1', value: 'false' }] },
            { value: 'UPPGIFT_SAKNAS', label: 'Uppgift om operation saknas', emits: [{ delsvarId: '11.1', value: { cv: { code: 'NI', codeSystem: NULL_FLAVOR, displayName: 'Uppgift saknas' } } }] },
          ],
        },
        {
          kind: 'date', name: 'operationDatum', label: 'Operationsdatum', svarId: '11', delsvarId: '11.2', required: true, notBeforeBirth: true,
          showWhen: { field: 'operation', equals: 'JA' },
        },
        {
          kind: 'text', name: 'operationAnledning', label: 'Tillstånd som föranledde ingreppet', svarId: '11', delsvarId: '11.3', required: true,
          showWhen: { field: 'operation', equals: 'JA' },
        },
      ],
    },
    {
      heading: 'Skada/förgiftning',
      fields: [
        yesNo('forgiftning', 'Dödsfall i samband med skada/förgiftning?', '12', '12.1'),
        {
          kind: 'choice', name: 'forgiftningOrsak', label: 'Ange orsak och eventuell avsikt', svarId: '12', required: true, showWhen: whenYes('forgiftning'),
          options: cvOptions('12.2', KV_ORSAK, [
            { code: 'OLYCKSFALL', label: 'Olycksfall' },
            { code: 'SJALVMORD', label: 'Självmord' },
            { code: 'AVSIKTLIGT_VALLAD', label: 'Avsiktligt vållad av annan' },
            { code: 'OKLART', label: 'Oklart om avsikt förelegat' },
          ]),
        },
        { kind: 'date', name: 'forgiftningDatum', label: 'Datum för skada/förgiftning', svarId: '12', delsvarId: '12.3', required: true, showWhen: whenYes('forgiftning') },
        {
          kind: 'textarea', name: 'forgiftningUppkommelse', svarId: '12', delsvarId: '12.4', required: true, showWhen: whenYes('forgiftning'),
          label: 'Kort beskrivning av hur skadan/förgiftningen uppkom (utan att röja eventuellt andra inblandades identiteter)',
        },
      ],
    },
    {
      heading: 'Dödsorsaksuppgifterna grundar sig på',
      fields: [{
        kind: 'multi', name: 'grunder', label: 'Ange vad dödsorsaksuppgifterna grundar sig på', svarId: '13', delsvarId: '13.1',
        codeSystem: KV_DODSORSAKSUPPGIFTER, instans: false, required: true,
        options: [
          { code: 'UNDERSOKNING_FORE_DODEN', label: 'Undersökning före döden' },
          { code: 'UNDERSOKNING_EFTER_DODEN', label: 'Yttre undersökning efter döden' },
          { code: 'KLINISK_OBDUKTION', label: 'Klinisk obduktion' },
          { code: 'RATTSMEDICINSK_OBDUKTION', label: 'Rättsmedicinsk obduktion' },
          { code: 'RATTSMEDICINSK_BESIKTNING', label: 'Rättsmedicinsk likbesiktning' },
        ],
      }],
    },
  ],
  rules: [
    ...sharedRules,
    ...causeRules,
    { kind: 'notAfter', field: 'operationDatum', other: 'dodsdatum', message: NOT_AFTER_DEATH },
    { kind: 'notAfter', field: 'operationDatum', other: 'antraffatDod', message: NOT_AFTER_FOUND_DEAD },
    { kind: 'notBefore', field: 'operationDatum', other: 'dodsdatum', days: 28, message: NOT_BEFORE_FOUR_WEEKS },
    // Webcert's text for this one has two spaces before "Dödsdatum" (doi-messages.js).
    { kind: 'notAfter', field: 'forgiftningDatum', other: 'dodsdatum', message: 'Ange ett datum, samma som eller tidigare än  "Dödsdatum".' },
    { kind: 'notAfter', field: 'forgiftningDatum', other: 'antraffatDod', message: NOT_AFTER_FOUND_DEAD },
  ],
};
