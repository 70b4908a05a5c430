/**
 * The certificate types Intygstjänsten has modules for (its IntygModuleRegistry): the KV
 * intygstyp code a RegisterCertificate carries, the module id its recipients file uses, and the
 * major versions the module accepts (`moduleRegistry.getModuleApi(type, version)`).
 * Sources: sklintyg/common `*EntryPoint.java`; webcert-surfaces.md §6.
 */

export interface CertificateModule {
  /** KV intygstyp code, e.g. `DB`, `TSTRK1007`. */
  code: string;
  /** Module id, e.g. `db`, `ts-bas`. */
  moduleId: string;
  /** Major versions the module accepts: the part of `intyg/version` before the first dot. */
  majorVersions: readonly string[];
}

const m = (code: string, moduleId: string, ...majorVersions: string[]): CertificateModule => ({ code, moduleId, majorVersions });

export const CERTIFICATE_MODULES: readonly CertificateModule[] = Object.freeze([
  m('LISJP', 'lisjp', '1', '2'),
  m('LUSE', 'luse', '1'),
  m('LUAE_NA', 'luae_na', '1'),
  m('LUAE_FS', 'luae_fs', '1'),
  m('AG1-14', 'ag114', '1', '2'),
  m('AG7804', 'ag7804', '1', '2'),
  m('DB', 'db', '1'),
  m('DOI', 'doi', '1'),
  m('TSTRK1007', 'ts-bas', '6', '7'),
  m('TSTRK1031', 'ts-diabetes', '2', '3', '4'),
  m('TSTRK1009', 'tstrk1009', '1'),
  m('TSTRK1062', 'tstrk1062', '1'),
  m('AF00213', 'af00213', '1'),
  m('AF00251', 'af00251', '1'),
]);

/** The module for a type code and version, or undefined when Intygstjänsten has none. */
export function moduleFor(code: string, version: string): CertificateModule | undefined {
  const module = CERTIFICATE_MODULES.find((x) => x.code === code.toUpperCase());
  return module && module.majorVersions.includes(version.split('.')[0] ?? '') ? module : undefined;
}
