/**
 * Dödsbevis (DB 1.0), the whole form: svar 1–4 shared with DOI, then explosive implant (5),
 * external examination (6) and police report (7), as sklintyg/common db `UtlatandeToIntyg` writes
 * them and its `InternalDraftValidatorImpl` checks them.
 */
import { whenYes, yesNo } from './fieldBuilders.js';
import type { Emit, FormDefinition } from './formDefinition.js';
import { MESSAGES } from './formValidation.js';
import { barn, dodsdatumOchDodsplats, identitet, NOT_AFTER_DEATH, NOT_AFTER_FOUND_DEAD, NOT_BEFORE_FOUR_WEEKS, sharedRules } from './sosQuestions.js';

/** kv detaljer undersökning. */
export const KV_DETALJER_UNDERSOKNING = 'da46dd8c-b3f1-4e39-8d62-777d069213ea';

/** "Nej" to an external examination: `false` and why (Webcert's Undersokning transport code and text). */
const nej = (code: string, displayName: string): Emit[] => [
  { delsvarId: '6.1', value: 'false' },
  { delsvarId: '6.2', value: { cv: { code, codeSystem: KV_DETALJER_UNDERSOKNING, displayName } } },
];

export const DB_FORM: FormDefinition = {
  typeCode: 'DB',
  sections: [
    { heading: 'Kompletterande patientuppgifter', fields: [identitet] },
    { heading: 'Dödsdatum och dödsplats', fields: dodsdatumOchDodsplats },
    { heading: 'Barn som avlidit senast 28 dygn efter födelsen', fields: [barn] },
    {
      heading: 'Explosivt implantat',
      fields: [
        yesNo('explosivImplantat', 'Har den avlidne haft ett implantat som kan explodera vid kremering?', '5', '5.1', {
          help: 'Exempel på explosiva implantat är hjärtstimulatorer, defibrillatorer, insulin- och infusionspumpar.',
        }),
        yesNo('explosivAvlagsnat', 'Har implantatet avlägsnats?', '5', '5.2', { showWhen: whenYes('explosivImplantat') }),
      ],
    },
    {
      heading: 'Yttre undersökning',
      fields: [
        {
          kind: 'choice', name: 'undersokningYttre', label: 'Har yttre undersökning av kroppen genomförts?', svarId: '6', required: true,
          options: [
            { value: 'JA', label: 'Ja', emits: [{ delsvarId: '6.1', value: 'true' }] },
            { value: 'UNDERSOKNING_SKA_GORAS', label: 'Nej, rättsmedicinsk undersökning ska göras', emits: nej('UNDERSOKNING_SKA_GORAS', 'Rättsmedicinsk undersökning ska göras') },
            { value: 'UNDERSOKNING_GJORT', label: 'Nej, den avlidne undersökt kort före döden', emits: nej('UNDERSOKNING_GJORT', 'Den avlidne undersökt kort före döden') },
          ],
        },
        {
          kind: 'date', name: 'undersokningDatum', label: 'Undersökningsdatum', svarId: '6', delsvarId: '6.3', required: true,
          notFuture: true, notBeforeBirth: true, showWhen: { field: 'undersokningYttre', equals: 'UNDERSOKNING_GJORT' },
        },
      ],
    },
    {
      heading: 'Polisanmälan',
      fields: [
        yesNo('polisanmalan', 'Finns skäl för polisanmälan?', '7', '7.1', {
          help: 'Svara Ja när yttre påverkan, fel i vården eller okänd identitet kan ligga bakom dödsfallet; dödsbeviset går då till Polismyndigheten.',
        }),
      ],
    },
  ],
  rules: [
    ...sharedRules,
    { kind: 'notAfter', field: 'undersokningDatum', other: 'dodsdatum', message: NOT_AFTER_DEATH },
    { kind: 'notBefore', field: 'undersokningDatum', other: 'dodsdatum', days: 28, message: NOT_BEFORE_FOUR_WEEKS },
    { kind: 'notAfter', field: 'undersokningDatum', other: 'antraffatDod', message: NOT_AFTER_FOUND_DEAD },
    { kind: 'mustBe', field: 'polisanmalan', value: 'true', when: { field: 'undersokningYttre', equals: 'UNDERSOKNING_SKA_GORAS' }, message: MESSAGES.chooseOne },
  ],
};
