/**
 * Intygstjänsten's recipients file (`app.recipients.file`; dev: intygstjanst
 * devops/dev/config/recipients-dev.json): who may receive which certificate types, at which
 * logical address. Certificate types are Intygstjänsten's module ids (`lisjp`, `db`, `ts-bas` ...).
 */

/** One entry of the recipients file, with the file's field names. */
export interface Recipient {
  /** KV part code, e.g. `SKV`: the `mottagare` of SendCertificateToRecipient. */
  id: string;
  name: string;
  recipientType: 'HUVUDMOTTAGARE' | 'MOTTAGARE';
  /** Where the platform routes RegisterCertificate and RevokeCertificate for this recipient. */
  logicalAddress: string;
  /** Module ids of the types this recipient takes. */
  certificateTypes: string[];
  active: boolean;
  trusted: boolean;
}

/** The recipients of the dev file that samverkan knows: FKASSA, TRANSP, SKV, SOS, AF. */
export const DEFAULT_RECIPIENTS: readonly Recipient[] = Object.freeze([
  { id: 'FKASSA', name: 'Försäkringskassan', recipientType: 'HUVUDMOTTAGARE', logicalAddress: 'FKORG', certificateTypes: ['fk7263', 'luse', 'lisjp', 'luae_fs', 'luae_na'], active: true, trusted: true },
  { id: 'TRANSP', name: 'Transportstyrelsen', recipientType: 'HUVUDMOTTAGARE', logicalAddress: 'tsTestAdress', certificateTypes: ['ts-bas', 'ts-diabetes', 'tstrk1009', 'tstrk1062'], active: true, trusted: true },
  { id: 'SKV', name: 'Skatteverket', recipientType: 'HUVUDMOTTAGARE', logicalAddress: 'Skatteverket', certificateTypes: ['db'], active: true, trusted: true },
  { id: 'SOS', name: 'Socialstyrelsen', recipientType: 'HUVUDMOTTAGARE', logicalAddress: 'SOS', certificateTypes: ['doi'], active: true, trusted: true },
  { id: 'AF', name: 'Arbetsförmedlingen', recipientType: 'HUVUDMOTTAGARE', logicalAddress: 'AF', certificateTypes: ['af00213', 'af00251'], active: true, trusted: true },
] satisfies Recipient[]);

/**
 * Checks a recipients file read from JSON and says what is wrong.
 * @throws Error naming the entry and the field.
 */
export function validateRecipients(data: unknown): Recipient[] {
  if (!Array.isArray(data)) throw new Error('the recipients file must be a JSON array of recipients, as Intygstjänsten\'s recipients-dev.json');
  return data.map((r: Partial<Recipient>, i) => {
    const where = `recipient ${i + 1}${typeof r?.id === 'string' ? ` (${r.id})` : ''}`;
    for (const field of ['id', 'name', 'logicalAddress'] as const) {
      if (typeof r?.[field] !== 'string' || !r[field]) throw new Error(`${where}: "${field}" must be a non-empty string`);
    }
    if (!Array.isArray(r.certificateTypes) || r.certificateTypes.some((t) => typeof t !== 'string')) throw new Error(`${where}: "certificateTypes" must be an array of module ids such as "db"`);
    return { recipientType: 'HUVUDMOTTAGARE', active: true, trusted: true, ...r } as Recipient;
  });
}
