/**
 * The recipients Intygstjänsten forwards certificates to (its recipients file,
 * intygstjanst:devops/dev/config/recipients-dev.json): who they are, the logical address they are
 * reached at through the national platform, which certificate types they take, and what each
 * checks before it accepts one.
 */
import type { IntygReading } from '../kit/contracts/intygReading.js';
import { checkDodsbevis } from './dodsbevisCheck.js';

/** One recipient as the simulator runs it. */
export interface RecipientProfile {
  /** KV part code, the id in Intygstjänsten's recipients file: SKV, SOS, FKASSA, TRANSP. */
  id: string;
  name: string;
  /** Party name in the traffic journal and in fault rules, e.g. `skatteverket`. */
  party: string;
  /** Logical address (dev values of the recipients file; production ones are not public). */
  logicalAddress: string;
  /** KV intygstyp codes it takes in (`intyg/typ/code`). */
  certificateTypes: readonly string[];
  /** Whether it verifies the certificate's signature before accepting it. */
  verifiesSignature: boolean;
  /** Its own checks of a certificate's content; each problem is one sentence. */
  checkContent?(reading: IntygReading, now: number): string[];
}

/** Skatteverket: the death-certificate registry (DB). */
export const SKATTEVERKET: RecipientProfile = {
  id: 'SKV',
  name: 'Skatteverket',
  party: 'skatteverket',
  logicalAddress: 'Skatteverket',
  certificateTypes: ['DB'],
  verifiesSignature: true,
  checkContent: checkDodsbevis,
};

/** Socialstyrelsen: the cause-of-death register (DOI). */
export const SOCIALSTYRELSEN: RecipientProfile = {
  id: 'SOS',
  name: 'Socialstyrelsen',
  party: 'socialstyrelsen',
  logicalAddress: 'SOS',
  certificateTypes: ['DOI'],
  verifiesSignature: false,
};

/** Försäkringskassan: FK 7804 (LISJP), FK 7800 (LUSE), FK 7801 (LUAE_NA), FK 7802 (LUAE_FS). */
export const FORSAKRINGSKASSAN: RecipientProfile = {
  id: 'FKASSA',
  name: 'Försäkringskassan',
  party: 'forsakringskassan',
  logicalAddress: 'FKORG',
  certificateTypes: ['LISJP', 'LUSE', 'LUAE_NA', 'LUAE_FS'],
  verifiesSignature: false,
};

/** Transportstyrelsen: TS bas (TSTRK1007) and TS diabetes (TSTRK1031). */
export const TRANSPORTSTYRELSEN: RecipientProfile = {
  id: 'TRANSP',
  name: 'Transportstyrelsen',
  party: 'transportstyrelsen',
  logicalAddress: 'tsTestAdress',
  certificateTypes: ['TSTRK1007', 'TSTRK1031'],
  verifiesSignature: false,
};

/** Every simulated recipient. */
export const RECIPIENT_PROFILES: readonly RecipientProfile[] = [SKATTEVERKET, SOCIALSTYRELSEN, FORSAKRINGSKASSAN, TRANSPORTSTYRELSEN];

/** The profile with this KV part code or party name (case-insensitive), if any. */
export function recipientProfile(idOrParty: string): RecipientProfile | undefined {
  const wanted = idOrParty.toLowerCase();
  return RECIPIENT_PROFILES.find((p) => p.id.toLowerCase() === wanted || p.party === wanted);
}
