/**
 * Questions dödsbevis (DB) and dödsorsaksintyg (DOI) share (svar 1–4), with the answer ids of
 * sklintyg/common sos_parent `RespConstants` / `SosUtlatandeToIntyg`, the rules of
 * `SosInternalDraftValidator` and labels from the refdata texts.
 */
import { cvOptions, yesNoOptions } from './fieldBuilders.js';
import type { FormField, FormRule } from './formDefinition.js';
import { MESSAGES } from './formValidation.js';

/** kv dödsplats boende. */
export const KV_DODSPLATS_BOENDE = '65f0069f-14b5-4634-b187-5193580a3349';

/** "Ange ett datum, samma som eller tidigare än "Dödsdatum"." and its "Anträffad död" twin. */
export const NOT_AFTER_DEATH = 'Ange ett datum, samma som eller tidigare än "Dödsdatum".';
export const NOT_AFTER_FOUND_DEAD = 'Ange ett datum, samma som eller tidigare än "Anträffad död".';
/** Webcert's text for a date more than four weeks before the death (common.validation.date.e-06). */
export const NOT_BEFORE_FOUR_WEEKS = 'Ange ett datum, samma som eller tidigare än fyra veckor före döden.';

/** Svar 1 (identity). */
export const identitet: FormField = {
  kind: 'text', name: 'identitet', label: 'Identiteten styrkt genom', svarId: '1', delsvarId: '1.1', required: true, maxLength: 100,
};

/** Svar 2 (date of death: certain, or year and month with the date the body was found) and 3 (place). */
export const dodsdatumOchDodsplats: FormField[] = [
  {
    kind: 'choice', name: 'dodsdatumSakert', label: 'Dödsdatum', svarId: '2', required: true,
    options: yesNoOptions('2.1', { yes: 'Säkert', no: 'Ej säkert' }),
  },
  {
    kind: 'date', name: 'dodsdatum', label: 'Datum', svarId: '2', delsvarId: '2.2', required: true, notFuture: true, notBeforeBirth: true,
    showWhen: { field: 'dodsdatumSakert', equals: 'true' },
  },
  {
    kind: 'vagueDate', name: 'dodsdatumOsakert', label: 'Ungefärligt datum', svarId: '2', delsvarId: '2.2', required: true,
    help: 'Ange år och, om det är känt, månad (00 när månaden inte är känd).', showWhen: { field: 'dodsdatumSakert', equals: 'false' },
  },
  {
    kind: 'date', name: 'antraffatDod', label: 'Anträffad död', svarId: '2', delsvarId: '2.3', required: true, notFuture: true, notBeforeBirth: true,
    showWhen: { field: 'dodsdatumSakert', equals: 'false' },
  },
  {
    kind: 'text', name: 'dodsplatsKommun', label: 'Kommun (om okänd dödsplats, kommunen där kroppen påträffades)', svarId: '3', delsvarId: '3.1', required: true,
  },
  {
    kind: 'choice', name: 'dodsplatsBoende', label: 'Boende där kroppen påträffades', svarId: '3', required: true,
    options: cvOptions('3.2', KV_DODSPLATS_BOENDE, [
      { code: 'SJUKHUS', label: 'Sjukhus' },
      { code: 'ORDINART_BOENDE', label: 'Ordinärt boende' },
      { code: 'SARSKILT_BOENDE', label: 'Särskilt boende' },
      { code: 'ANNAN', label: 'Annan/okänd' },
    ]),
  },
];

/** Svar 4: a child that died within 28 days of birth. */
export const barn: FormField = {
  kind: 'choice', name: 'barn', label: 'Avlidet inom 28 dygn efter födelsen', svarId: '4', required: true, options: yesNoOptions('4.1'),
};

/** The rules of svar 2 and 4. */
export const sharedRules: FormRule[] = [
  { kind: 'notBefore', field: 'antraffatDod', other: 'dodsdatumOsakert', message: 'Ange ett datum, samma som eller senare än "Dödsdatum".' },
  { kind: 'within28DaysOfBirth', field: 'barn', date: 'dodsdatum', message: MESSAGES.chooseOne },
];
