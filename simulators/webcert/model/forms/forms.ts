/** The form of each certificate type the simulator's UI can fill in. */
import { AG1_14_FORM, AG7804_FORM } from './agForms.js';
import { DB_FORM } from './dbForm.js';
import { DOI_FORM } from './doiForm.js';
import { LUAE_FS_FORM, LUAE_NA_FORM, LUSE_FORM } from './fkUtlatandeForms.js';
import type { FormDefinition } from './formDefinition.js';
import { LISJP_FORM } from './lisjpForm.js';
import { TS_BAS_FORM, TS_DIABETES_FORM } from './tsForms.js';

/** Every form, by KV intygstyp code. */
export const FORMS: Readonly<Record<string, FormDefinition>> = Object.freeze(
  Object.fromEntries([LISJP_FORM, LUSE_FORM, LUAE_NA_FORM, LUAE_FS_FORM, AG1_14_FORM, AG7804_FORM, DB_FORM, DOI_FORM, TS_BAS_FORM, TS_DIABETES_FORM].map((f) => [f.typeCode, f])),
);

/** The form of a type, if the UI has one. */
export function formFor(typeCode: string): FormDefinition | undefined {
  return FORMS[typeCode.toUpperCase()];
}
