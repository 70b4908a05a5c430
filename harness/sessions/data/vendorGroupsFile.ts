/**
 * `data/vendor-groups.json`: the vendor groups of the user forum (§7d), the regions using each
 * group's journal system, and each group's integration profile (launch, types, browsers, SITHS eID
 * app package, PIN-SSO, Net iD/IE11), checked against what the minutes' §7a says the packages allow.
 */
import { CERTIFICATE_TYPES } from '../../../simulators/webcert/model/certificateTypes.js';
import type { DataNode } from './dataNode.js';
import type { Region } from './regionsFile.js';

/** How the journal system opens Webcert (webcert-surfaces §3.1). */
export const LAUNCH_STYLES = ['post-form', 'post-form-v2', 'get-query'] as const;
/** Browsers a region's users sign in; the IE ones sign with Net iD, until 2023-06-30. */
export const BROWSERS = ['Chrome', 'Edge Chromium', 'IE11', 'Edge IE-läge'] as const;
export const CHROMIUM_BROWSERS: readonly Browser[] = ['Chrome', 'Edge Chromium'];
/**
 * SITHS eID app packages of the minutes' §7a: `A` (the app beside Net iD), `B` (the app with card
 * logon in Windows and mutual TLS through the SAC Minidriver; Net iD uninstalled), `A-OOB` (the
 * app alone, out of band: the second slide titled "Paket A").
 */
export const EID_APP_PACKAGES = ['A', 'A-OOB', 'B'] as const;

export type LaunchStyle = (typeof LAUNCH_STYLES)[number];
export type Browser = (typeof BROWSERS)[number];
export type EidAppPackage = (typeof EID_APP_PACKAGES)[number];

/** What a vendor group's integration looks like, as far as a session plan needs to know. */
export interface IntegrationProfile {
  launch: LaunchStyle;
  /** Webcert runs in a browser embedded in the journal (needs `siths://` app switching). */
  embeddedBrowser: boolean;
  /** KV intygstyp codes the integration issues. */
  certificateTypes: string[];
  browsers: Browser[];
  eidAppPackage: EidAppPackage;
  /** Users expect not to type the PIN again after the journal's own card login (PIN-SSO). */
  pinSso: boolean;
  /** Users sign with Net iD in IE11 or Edge IE mode, which ends 2023-06-30. */
  netIdIe11: boolean;
}

export interface VendorGroup {
  /** e.g. `takecare` */
  id: string;
  /** As in the minutes, e.g. `TakeCare/Asynja Visph`. */
  name: string;
  /** The minutes' "Tester utförda" cell, verbatim (e.g. `Värmland`, `plan aug/sept`, empty). */
  testsDoneInMinutes: string;
  /** Region ids, in order of preference for the group's session. */
  regions: string[];
  regionsSource: string;
  profile: IntegrationProfile;
  profileSource: string;
  line: number;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads and checks the vendor groups; `regions` are the known regions. @throws {DataFileError} */
export function readVendorGroups(root: DataNode, regions: readonly Region[]): VendorGroup[] {
  const groups: VendorGroup[] = [];
  const regionIds = regions.map((r) => r.id);
  const typeCodes = CERTIFICATE_TYPES.map((t) => t.code);
  for (const node of root.object(['vendorGroups']).vendorGroups.list({ nonEmpty: true })) {
    const f = node.object(['id', 'name', 'testsDoneInMinutes', 'regions', 'regionsSource', 'profile', 'profileSource']);
    const id = f.id.string({ pattern: ID, hint: 'an id is lower-case letters, digits and dashes, e.g. "cgm-j4"' });
    if (groups.some((g) => g.id === id)) f.id.fail(`the vendor group id "${id}" is used twice`);
    const regionList = f.regions.list({ nonEmpty: true }).map((r) => r.string({ choices: regionIds }));
    for (const r of regionList) {
      const other = groups.find((g) => g.regions.includes(r));
      if (other) f.regions.fail(`the region "${r}" is already in the vendor group "${other.id}"; a region uses one group's journal system`);
    }
    groups.push({
      id,
      name: f.name.string(),
      testsDoneInMinutes: f.testsDoneInMinutes.string({ allowEmpty: true }),
      regions: regionList,
      regionsSource: f.regionsSource.string(),
      profile: readProfile(f.profile, typeCodes),
      profileSource: f.profileSource.string(),
      line: node.line,
    });
  }
  return groups;
}

function readProfile(node: DataNode, typeCodes: string[]): IntegrationProfile {
  const f = node.object(['launch', 'embeddedBrowser', 'certificateTypes', 'browsers', 'eidAppPackage', 'pinSso', 'netIdIe11']);
  const certificateTypes = f.certificateTypes.list({ nonEmpty: true }).map((t) => t.string({ choices: typeCodes }));
  const browsers = f.browsers.list({ nonEmpty: true }).map((b) => b.string({ choices: BROWSERS }) as Browser);
  const profile: IntegrationProfile = {
    launch: f.launch.string({ choices: LAUNCH_STYLES }) as LaunchStyle,
    embeddedBrowser: f.embeddedBrowser.boolean(),
    certificateTypes,
    browsers,
    eidAppPackage: f.eidAppPackage.string({ choices: EID_APP_PACKAGES }) as EidAppPackage,
    pinSso: f.pinSso.boolean(),
    netIdIe11: f.netIdIe11.boolean(),
  };
  // What the minutes' §7a says each package allows.
  if (profile.eidAppPackage === 'A-OOB' && profile.pinSso) {
    f.pinSso.fail('pinSso is true, but PIN-SSO does not work with package A-OOB (minutes §7a: the PIN is typed again); set it to false or choose package A or B');
  }
  if (profile.eidAppPackage === 'B' && profile.netIdIe11) {
    f.netIdIe11.fail('netIdIe11 is true, but package B requires Net iD to be uninstalled first (minutes §7a); set it to false or choose package A');
  }
  const ie = browsers.filter((b) => !CHROMIUM_BROWSERS.includes(b));
  if (ie.length && !profile.netIdIe11) f.browsers.fail(`${ie.join(' and ')} sign only with Net iD; set netIdIe11 to true or remove them`);
  if (!ie.length && profile.netIdIe11) f.netIdIe11.fail('netIdIe11 is true but browsers has neither IE11 nor Edge IE-läge; add the one your users have or set it to false');
  if (!browsers.some((b) => CHROMIUM_BROWSERS.includes(b))) {
    f.browsers.fail('the new signing solution needs a Chromium browser (minutes §7a); add Chrome or Edge Chromium', CHROMIUM_BROWSERS);
  }
  return profile;
}
