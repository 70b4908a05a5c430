/**
 * Transportstyrelsen's certificates TS bas (TSTRK1007, text version 7.0) and TS diabetes
 * (TSTRK1031, 4.2), with the questions their validators require (sklintyg/common ts-bas v7
 * `InternalValidatorInstance`, ts-diabetes v4 `InternalDraftValidatorImpl`) and the answer ids
 * their `UtlatandeToIntyg` writes. Follow-up questions deeper than one level (corrected vision
 * for low acuity, dates of recurring hypoglycaemia) are left out: answer those "Nej".
 */
import { ICD_10_SE } from './formValueFormats.js';
import { cvOptions, whenNo, whenYes, yesNo } from './fieldBuilders.js';
import type { CodeOption, Condition, FormDefinition, FormField, NumberField } from './formDefinition.js';

export const KV_INTYGET_AVSER = '24c41b8d-258a-46bf-a08a-b90738b28770';
export const KV_ID_KONTROLL = 'e7cc8f30-a353-4c42-b17a-a189b6876647';
export const KV_KORKORTSBEHORIGHET = 'e889fa20-1dee-4f79-8b37-03853e75a9f8';
export const KV_VARDNIVA = '1.2.752.129.5.1.28';

const ID_KONTROLL: CodeOption[] = [
  { code: 'IDK1', label: 'ID-kort' },
  { code: 'IDK2', label: 'Företagskort eller tjänstekort' },
  { code: 'IDK3', label: 'Svenskt körkort' },
  { code: 'IDK4', label: 'Personlig kännedom' },
  { code: 'IDK5', label: 'Försäkran enligt 18 kap. 4 §' },
  { code: 'IDK6', label: 'Pass' },
];

const identitet: FormField = {
  kind: 'choice', name: 'identitet', label: 'Identitet styrkt genom', svarId: '2', required: true, options: cvOptions('2.1', KV_ID_KONTROLL, ID_KONTROLL),
};

const HIGHER: CodeOption[] = [
  { code: 'VAR1', label: 'C1' }, { code: 'VAR2', label: 'C1E' }, { code: 'VAR3', label: 'C' }, { code: 'VAR4', label: 'CE' },
  { code: 'VAR5', label: 'D1' }, { code: 'VAR6', label: 'D1E' }, { code: 'VAR7', label: 'D' }, { code: 'VAR8', label: 'DE' },
  { code: 'VAR9', label: 'Taxi' },
];
const LOWER: CodeOption[] = [
  { code: 'VAR12', label: 'AM' }, { code: 'VAR13', label: 'A1' }, { code: 'VAR14', label: 'A2' }, { code: 'VAR15', label: 'A' },
  { code: 'VAR16', label: 'B' }, { code: 'VAR17', label: 'BE' }, { code: 'VAR18', label: 'Traktor' },
];

const synskarpa = (name: string, label: string, delsvarId: string): NumberField => ({
  kind: 'number', name, label, svarId: '8', delsvarId, min: 0, max: 2, required: true, invalidMessage: 'Ange synskärpa i intervallet 0,0 - 2,0.',
});

/** A Ja/Nej question with a text asked when Ja (same svar). */
function yesNoWithText(name: string, label: string, svarId: string, textLabel: string, textDelsvar = `${svarId}.2`): FormField[] {
  return [
    yesNo(name, label, svarId, `${svarId}.1`),
    { kind: 'textarea', name: `${name}Text`, label: textLabel, svarId, delsvarId: textDelsvar, required: true, showWhen: whenYes(name) },
  ];
}

export const TS_BAS_FORM: FormDefinition = {
  typeCode: 'TSTRK1007',
  sections: [
    {
      heading: 'Intyget avser',
      fields: [{
        kind: 'multi', name: 'intygAvser', label: 'Intyget avser behörighet', svarId: '1', delsvarId: '1.1', codeSystem: KV_INTYGET_AVSER, instans: true, required: true,
        options: [
          { code: 'IAV1', label: 'C1' }, { code: 'IAV2', label: 'C1E' }, { code: 'IAV3', label: 'C' }, { code: 'IAV4', label: 'CE' },
          { code: 'IAV5', label: 'D1' }, { code: 'IAV6', label: 'D1E' }, { code: 'IAV7', label: 'D' }, { code: 'IAV8', label: 'DE' },
          { code: 'IAV9', label: 'Taxi' }, { code: 'IAV10', label: 'Annat' },
        ],
      }],
    },
    { heading: 'Identitet', fields: [identitet] },
    {
      heading: 'Synfunktioner',
      fields: [
        yesNo('synfaltsdefekter', 'Har patienten synfältsdefekter?', '3', '3.1'),
        yesNo('nattblindhet', 'Finns anamnestiska uppgifter om begränsning av seendet vid nedsatt belysning?', '4', '4.1'),
        yesNo('progressivOgonsjukdom', 'Har patienten en progressiv ögonsjukdom?', '5', '5.1'),
        yesNo('diplopi', 'Har patienten dubbelseende?', '6', '6.1'),
        yesNo('nystagmus', 'Har patienten nystagmus av sådan grad att det påverkar synskärpan?', '7', '7.1'),
        synskarpa('hogerUtanKorrektion', 'Synskärpa höger öga utan korrektion', '8.2'),
        synskarpa('vansterUtanKorrektion', 'Synskärpa vänster öga utan korrektion', '8.3'),
        synskarpa('binokulartUtanKorrektion', 'Synskärpa binokulärt utan korrektion', '8.4'),
      ],
    },
    { heading: 'Hörsel och balanssinne', fields: [yesNo('balansrubbningar', 'Har patienten balansrubbningar eller yrselattacker?', '10', '10.1')] },
    {
      heading: 'Rörelseorganens funktioner',
      fields: yesNoWithText('funktionsnedsattning', 'Har patienten någon sjukdom eller funktionsnedsättning som påverkar rörligheten?', '12', 'Typ av nedsättning eller besvär'),
    },
    {
      heading: 'Hjärt- och kärlsjukdomar',
      fields: [
        yesNo('hjartKarlSjukdom', 'Föreligger hjärt- eller kärlsjukdom som medför en påtaglig risk för att hjärnans funktion plötsligt försämras?', '14', '14.1'),
        yesNo('hjarnskada', 'Finns tecken på hjärnskada efter trauma, stroke eller annan sjukdom i centrala nervsystemet?', '15', '15.1'),
        ...yesNoWithText('riskfaktorerStroke', 'Föreligger viktiga riskfaktorer för stroke?', '16', 'Typ av sjukdom'),
      ],
    },
    {
      heading: 'Diabetes',
      fields: [
        yesNo('harDiabetes', 'Har patienten diabetes?', '17', '17.1'),
        {
          kind: 'choice', name: 'diabetesTyp', label: 'Typ av diabetes', svarId: '18', required: true, showWhen: whenYes('harDiabetes'),
          options: cvOptions('18.1', ICD_10_SE, [{ code: 'E10', label: 'Diabetes mellitus typ 1' }, { code: 'E11', label: 'Diabetes mellitus typ 2' }]),
        },
        {
          kind: 'flags', name: 'diabetesBehandling', label: 'Behandling', svarId: '19', required: true, showWhen: whenYes('harDiabetes'),
          options: [{ code: 'KOST', label: 'Endast kost', delsvarId: '19.1' }, { code: 'TABLETTER', label: 'Tabletter', delsvarId: '19.2' }, { code: 'INSULIN', label: 'Insulin', delsvarId: '19.3' }],
        },
      ],
    },
    {
      heading: 'Neurologiska sjukdomar, epilepsi, njursjukdomar, demens, sömn',
      fields: [
        yesNo('neurologiskSjukdom', 'Finns tecken på neurologisk sjukdom?', '20', '20.1'),
        ...yesNoWithText('medvetandestorning', 'Har patienten eller har patienten haft epilepsi, epileptiskt anfall eller annan medvetandestörning?', '21', 'Uppge när och orsak'),
        yesNo('njurfunktion', 'Har patienten allvarligt nedsatt njurfunktion?', '22', '22.1'),
        yesNo('kognitivFunktion', 'Finns tecken på sviktande kognitiv funktion?', '23', '23.1'),
        yesNo('somnstorning', 'Finns tecken på sömn- eller vakenhetsstörning?', '24', '24.1'),
      ],
    },
    {
      heading: 'Alkohol, narkotika och läkemedel',
      fields: [
        yesNo('teckenMissbruk', 'Finns journaluppgifter, anamnestiska uppgifter, resultat av laboratorieprover eller andra tecken på missbruk eller beroende av alkohol, narkotika eller läkemedel?', '25', '25.1'),
        yesNo('vardinsats', 'Har patienten vid något tillfälle varit föremål för vårdinsatser för missbruk eller beroende av alkohol, narkotika eller läkemedel?', '25', '25.2'),
        {
          ...yesNo('provtagning', 'Behövs provtagning avseende aktuellt bruk av alkohol, narkotika eller läkemedel?', '25', '25.3'),
          showWhen: { any: [whenYes('teckenMissbruk'), whenYes('vardinsats')] },
        },
        ...yesNoWithText('lakemedel', 'Pågår regelbundet läkarordinerat bruk av läkemedel som kan innebära en trafiksäkerhetsrisk?', '26', 'Ange läkemedel och ordinerad dos'),
      ],
    },
    {
      heading: 'Psykiska sjukdomar och störningar',
      fields: [
        yesNo('psykiskSjukdom', 'Har patienten psykisk sjukdom eller störning, t.ex. schizofreni, annan psykos eller personlighetsstörning?', '27', '27.1'),
        yesNo('utvecklingsstorning', 'Har patienten psykisk utvecklingsstörning?', '28', '28.1'),
        yesNo('adhd', 'Har patienten ADHD, autismspektrumtillstånd eller likartat tillstånd?', '29', '29.1'),
      ],
    },
    {
      heading: 'Sjukhusvård',
      fields: [
        yesNo('sjukhusvard', 'Har patienten vårdats på sjukhus eller haft kontakt med läkare med anledning av fälten 1–12?', '30', '30.1'),
        { kind: 'text', name: 'sjukhusvardTidpunkt', label: 'Datum (vid vilken tidpunkt)', svarId: '30', delsvarId: '30.2', required: true, showWhen: whenYes('sjukhusvard') },
        { kind: 'text', name: 'sjukhusvardVardinrattning', label: 'Vårdinrättningens namn', svarId: '30', delsvarId: '30.3', required: true, showWhen: whenYes('sjukhusvard') },
        { kind: 'text', name: 'sjukhusvardAnledning', label: 'Anledning', svarId: '30', delsvarId: '30.4', required: true, showWhen: whenYes('sjukhusvard') },
      ],
    },
    {
      heading: 'Övrig medicinering',
      fields: yesNoWithText('stadigvarandeMedicinering', 'Har patienten någon stadigvarande medicinering?', '31', 'Vilken eller vilka mediciner?'),
    },
    { heading: 'Övrigt', fields: [{ kind: 'textarea', name: 'kommentarer', label: 'Övriga kommentarer', svarId: '32', delsvarId: '32.1' }] },
    {
      heading: 'Bedömning',
      fields: [
        {
          kind: 'multi', name: 'bedomning', label: 'Patienten uppfyller kraven för', svarId: '33', delsvarId: '33.1', codeSystem: KV_KORKORTSBEHORIGHET,
          instans: true, required: true, options: [...HIGHER, { code: 'VAR10', label: 'Annat (AM, A1, A2, A, B, BE eller Traktor)' }, { code: 'VAR11', label: 'Kan inte ta ställning' }],
          exclusive: { option: 'VAR11', message: 'Välj ett alternativ.' },
        },
        { kind: 'textarea', name: 'specialist', label: 'Patienten bör före ärendets avgörande undersökas av läkare med specialistkompetens i', svarId: '34', delsvarId: '34.1' },
      ],
    },
  ],
};

const higherLicence: Condition = { field: 'intygAvser', checked: HIGHER.map((o) => o.code) };
const riskOrHigher: Condition = { any: [whenYes('riskHypoglykemi'), higherLicence] };

const hypoglykemi = (name: string, label: string, svarId: string, showWhen: Condition = riskOrHigher): FormField =>
  yesNo(name, label, svarId, `${svarId}.1`, { showWhen });

export const TS_DIABETES_FORM: FormDefinition = {
  typeCode: 'TSTRK1031',
  sections: [
    {
      heading: 'Intyget avser',
      fields: [{
        kind: 'multi', name: 'intygAvser', label: 'Intyget avser behörighet', svarId: '1', delsvarId: '1.1', codeSystem: KV_KORKORTSBEHORIGHET,
        instans: true, required: true, options: [...LOWER, ...HIGHER],
      }],
    },
    { heading: 'Identitet', fields: [identitet] },
    {
      heading: 'Allmänt',
      fields: [
        {
          kind: 'choice', name: 'foljsAv', label: 'Patienten följs upp av', svarId: '205', required: true,
          options: cvOptions('205.1', KV_VARDNIVA, [{ code: 'VN1', label: 'Primärvård' }, { code: 'VN2', label: 'Specialistvård' }]),
        },
        { kind: 'year', name: 'diagnosAr', label: 'Ange år då diagnosen diabetes ställdes', svarId: '35', delsvarId: '35.1', required: true, notFuture: true },
        {
          kind: 'choice', name: 'typAvDiabetes', label: 'Typ av diabetes', svarId: '18', required: true,
          options: [
            ...cvOptions('18.1', ICD_10_SE, [
              { code: 'E10', label: 'Typ 1', displayName: 'Diabetes mellitus typ 1' },
              { code: 'E11', label: 'Typ 2', displayName: 'Diabetes mellitus typ 2' },
              { code: 'E109', label: 'LADA', displayName: 'Diabetes mellitus typ 1-Utan komplikationer' },
            ]),
            { value: 'ANNAN', label: 'Annan', emits: [] },
          ],
        },
        { kind: 'text', name: 'typAvDiabetesAnnan', label: 'Ange vilken annan typ av diabetes', svarId: '18', delsvarId: '18.2', required: true, showWhen: { field: 'typAvDiabetes', equals: 'ANNAN' } },
        yesNo('medicinering', 'Har patienten medicinering för sin diabetes?', '207', '207.1'),
        yesNo('riskHypoglykemi', 'Medför medicineringen risk för hypoglykemi?', '208', '208.1', { showWhen: whenYes('medicinering') }),
        {
          kind: 'flags', name: 'behandling', label: 'Vilken behandling?', svarId: '209', required: true, showWhen: whenYes('riskHypoglykemi'),
          options: [{ code: 'INSULIN', label: 'Insulin', delsvarId: '209.1' }, { code: 'TABLETTER', label: 'Tabletter', delsvarId: '209.2' }, { code: 'ANNAN', label: 'Annan', delsvarId: '209.3' }],
        },
        { kind: 'text', name: 'behandlingAnnan', label: 'Ange vilken annan behandling', svarId: '209', delsvarId: '209.4', required: true, showWhen: { field: 'behandling', checked: 'ANNAN' } },
        {
          kind: 'date', name: 'riskTidpunkt', label: 'Ange när behandling med läkemedel som medför risk för hypoglykemi påbörjades', svarId: '210', delsvarId: '210.1',
          as: 'partialDate', required: true, notFuture: true, showWhen: whenYes('riskHypoglykemi'),
        },
      ],
    },
    {
      heading: 'Hypoglykemi',
      fields: [
        hypoglykemi('kontrollSjukdomstillstand', 'Är patienten i stånd att kontrollera sitt sjukdomstillstånd?', '200'),
        { kind: 'textarea', name: 'kontrollVarfor', label: 'Ange varför', svarId: '200', delsvarId: '200.2', required: true, showWhen: whenNo('kontrollSjukdomstillstand') },
        hypoglykemi('forstarRisker', 'Förstår patienten riskerna med hypoglykemi?', '201'),
        hypoglykemi('varningstecken', 'Har patienten förmåga att känna varningstecken på hypoglykemi?', '110'),
        hypoglykemi('adekvataAtgarder', 'Har patienten förmåga att vidta adekvata åtgärder vid hypoglykemi?', '202'),
        hypoglykemi('aterkommandeSenasteAret', 'Har patienten haft upprepad allvarlig hypoglykemi under det senaste året?', '106'),
        hypoglykemi('aterkommandeVaket', 'Har patienten haft allvarlig hypoglykemi i vaket tillstånd under de senaste tolv månaderna?', '107'),
        hypoglykemi('allvarligSenasteTolv', 'Har patienten haft allvarlig hypoglykemi i trafiken under de senaste tolv månaderna?', '203'),
        hypoglykemi('blodsockerkontroller', 'Genomför patienten regelbundna blodsockerkontroller?', '204', higherLicence),
      ],
    },
    {
      heading: 'Övrigt',
      fields: [
        yesNo('komplikationer', 'Finns komplikationer av sjukdomen som påverkar trafiksäkerheten?', '206', '206.1'),
        { kind: 'textarea', name: 'komplikationerText', label: 'Ange vilka', svarId: '206', delsvarId: '206.2', required: true, showWhen: whenYes('komplikationer') },
        { kind: 'textarea', name: 'specialist', label: 'Patienten bör före ärendets avgörande undersökas av specialist i', svarId: '34', delsvarId: '34.1' },
      ],
    },
    {
      heading: 'Bedömning',
      fields: [
        {
          kind: 'multi', name: 'bedomning', label: 'Patienten uppfyller kraven för', svarId: '33', delsvarId: '33.1', codeSystem: KV_KORKORTSBEHORIGHET,
          instans: true, required: true, options: [...LOWER, ...HIGHER, { code: 'VAR11', label: 'Kan inte ta ställning' }],
          exclusive: { option: 'VAR11', message: 'Välj ett alternativ.' },
        },
        { kind: 'textarea', name: 'kommentarer', label: 'Övriga kommentarer', svarId: '32', delsvarId: '32.1' },
      ],
    },
  ],
};
