/**
 * The directory of a month's replay: per region a care provider with one unit (its HSA-ID is the
 * logical address status updates go to, so every update names its region), and one doctor with a
 * commission on each. Patients come with the CreateDraft requests (`unknownPatients: from-request`).
 */
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import { luhnCheckDigit } from '../../simulators/webcert/directory/personId.js';
import type { Region } from '../sessions/data/regionsFile.js';

/** The doctor who writes every certificate of the replay. */
export const LOAD_DOCTOR = 'TSTNMT2321000156-LD00';

/** The unit (logical address) of region number `n` in the regions file. */
export function loadUnitId(n: number): string {
  return `TSTNMT2321000156-LE${String(n + 1).padStart(2, '0')}`;
}

/** The directory for `regionIds`, with a map from unit HSA-ID back to region id. */
export function loadDirectory(regions: readonly Region[], regionIds: readonly string[]): { directory: DirectoryData; regionOfUnit: Map<string, string>; unitOfRegion: Map<string, string> } {
  const regionOfUnit = new Map<string, string>();
  const unitOfRegion = new Map<string, string>();
  const careUnits: DirectoryData['careUnits'] = [];
  for (const id of regionIds) {
    const n = regions.findIndex((r) => r.id === id);
    const region = regions[n]!;
    const hsaId = loadUnitId(n);
    regionOfUnit.set(hsaId, id);
    unitOfRegion.set(id, hsaId);
    careUnits.push({
      hsaId,
      name: `Vårdcentralen ${region.nameInMinutes}`,
      arbetsplatskod: '1234567890',
      postadress: 'Storgatan 1',
      postnummer: '12345',
      postort: region.nameInMinutes,
      telefonnummer: '0101234567',
      careProvider: { hsaId: `TSTNMT2321000156-LV${String(n + 1).padStart(2, '0')}`, name: region.name },
    });
  }
  return {
    directory: {
      unknownPatients: 'from-request',
      careUnits,
      staff: [{ hsaId: LOAD_DOCTOR, fullName: 'Lasse Lastläkare', givenName: 'Lasse', surname: 'Lastläkare', personId: '198009092381', commissions: careUnits.map((u) => u.hsaId), role: 'LAKARE', forskrivarkod: '0000000' }],
      patients: [],
    },
    regionOfUnit,
    unitOfRegion,
  };
}

/** A formally valid personnummer for patient `n`, distinct for n below 365 × 1,000 × 3. */
export function loadPersonId(n: number): string {
  const year = 1940 + Math.floor(n / 365_000) * 20;
  const day = new Date(Date.UTC(year, 0, 1) + (n % 365) * 86_400_000);
  const yymmdd = `${String(day.getUTCFullYear()).slice(2)}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const nine = `${yymmdd}${String(Math.floor(n / 365) % 1000).padStart(3, '0')}`;
  return `${day.getUTCFullYear()}${nine.slice(2)}${luhnCheckDigit(nine)}`;
}
