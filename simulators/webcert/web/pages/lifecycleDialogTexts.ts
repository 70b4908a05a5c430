/**
 * The texts of the certificate page's dialogs, as data. "Ersätt intyg" and "Makulera intyg" are
 * the forum minutes' (användarforum Webcert 2022-05-30, section 8b) word for word; a test compares
 * the page's dialogs with this copy. Where Webcert's current frontend differs, the minutes win
 * here (its revoke text has the typo "makluerade" where the minutes have "makulerade").
 * The other dialogs use Webcert's titles and button labels with the simulator's own words.
 */

/** A confirm dialog: title, paragraphs, the confirm and cancel buttons. */
export interface DialogText {
  title: string;
  paragraphs: readonly string[];
  confirm: string;
  cancel: string;
}

/** "Ersätt intyg" (forum minutes section 8b). */
export const REPLACE_DIALOG: DialogText = Object.freeze({
  title: 'Ersätt intyg',
  paragraphs: Object.freeze([
    'Om intyget innehåller ett allvarligt fel, till exempel om det är utfärdat på fel patient, bör du istället makulera intyget.',
    'Ett intyg kan ersättas om det innehåller felaktiga uppgifter eller om ny information tillkommit efter att intyget utfärdades. När ett intyg ersätts med ett nytt skapas ett utkast, med samma information som i det ursprungliga intyget, som du kan redigera innan du signerar intyget.',
  ]),
  confirm: 'Ersätt',
  cancel: 'Avbryt',
});

/** One reason of the revoke dialog, and the text field that opens when it is chosen. */
export interface RevokeReasonText {
  code: 'FEL_PATIENT' | 'ANNAT_ALLVARLIGT_FEL';
  label: string;
  /** Label of the text field under the reason (Webcert's), and whether it must be filled in. */
  clarification: { label: string; required: boolean };
}

/** "Makulera intyg" (forum minutes section 8b). */
export const REVOKE_DIALOG = Object.freeze({
  title: 'Makulera intyg',
  paragraphs: Object.freeze([
    'Om du fått ny information om patienten eller av annan anledning behöver korrigera innehållet i intyget, bör du istället ersätta intyget med ett nytt intyg.',
    'Ett intyg kan makuleras om det innehåller allvarliga fel. Exempel på ett allvarligt fel är om intyget är utfärdat på fel patient. Om intyget har skickats elektroniskt till en mottagare kommer denna att informeras om makuleringen. Invånaren kan inte se makulerade intyg på minaintyg.se.',
  ]),
  /** The question over the reasons; `{mottagare}` is the name of the recipient the certificate was sent to. */
  reasonPrompt: 'Ange för {mottagare} varför du makulerar intyget:',
  /** The question when the certificate was not sent anywhere. */
  reasonPromptUnsent: 'Ange varför du makulerar intyget:',
  reasons: Object.freeze([
    { code: 'FEL_PATIENT', label: 'Intyget har utfärdats på fel patient', clarification: { label: 'Förtydliga vid behov', required: false } },
    { code: 'ANNAT_ALLVARLIGT_FEL', label: 'Annat allvarligt fel', clarification: { label: 'Ange orsaken till felet.', required: true } },
  ] satisfies RevokeReasonText[]),
  confirm: 'Makulera',
  cancel: 'Avbryt',
});

/** The question over the revoke reasons for a certificate sent to `recipientName` (or to no one). */
export function revokeReasonPrompt(recipientName: string | undefined): string {
  return recipientName ? REVOKE_DIALOG.reasonPrompt.replace('{mottagare}', recipientName) : REVOKE_DIALOG.reasonPromptUnsent;
}

/** Revoking a DB or DOI: no reasons (the recipient is told by telephone in Webcert's words). */
export const REVOKE_DEATH_CERTIFICATE_DIALOG: DialogText = Object.freeze({
  title: 'Makulera intyg',
  paragraphs: Object.freeze([
    'Makulera endast om intyget är utfärdat på fel person. Behöver innehållet ändras, välj i stället Avbryt och därefter Ersätt.',
    'Kontakta också mottagaren (Skatteverket för dödsbevis, Socialstyrelsen för dödsorsaksintyg) och begär att intyget makuleras där.',
  ]),
  confirm: 'Makulera',
  cancel: 'Avbryt',
});

/** "Förnya intyg". */
export const RENEW_DIALOG: DialogText = Object.freeze({
  title: 'Förnya intyg',
  paragraphs: Object.freeze([
    'Förnya används till exempel för att förlänga en sjukskrivning. Det ursprungliga intyget finns kvar och ett nytt utkast skapas, med en del av uppgifterna från det ursprungliga intyget.',
    'Sjukskrivningsperiod och grad, intygets grund och valet om kontakt följer inte med. Det nya utkastet skapas på den enhet du är inloggad på.',
  ]),
  confirm: 'Förnya',
  cancel: 'Avbryt',
});

/** "Skicka till {mottagare}": title and confirm are the button's label. */
export function sendDialog(recipientName: string): DialogText {
  const label = `Skicka till ${recipientName}`;
  return {
    title: label,
    paragraphs: [`Om du går vidare skickas intyget direkt till ${recipientName}. Det ska göras i samråd med patienten.`],
    confirm: label,
    cancel: 'Avbryt',
  };
}

/** "Skapa dödsorsaksintyg" from a DB. */
export const CREATE_DOI_DIALOG: DialogText = Object.freeze({
  title: 'Skapa dödsorsaksintyg',
  paragraphs: Object.freeze(['Ett nytt utkast till dödsorsaksintyg skapas, med de uppgifter som dödsbeviset och dödsorsaksintyget har gemensamt redan ifyllda.']),
  confirm: 'Skapa dödsorsaksintyg',
  cancel: 'Avbryt',
});

/** Title of the dialog that shows a refusal from the server (Webcert's INVALID_STATE_TITLE). */
export const REFUSAL_DIALOG_TITLE = 'Funktionen är inte giltig';
