/** A signed LISJP with a few answers: the certificate every benchmark message carries. */
import { defaultDirectory } from '../harness/topology/defaultDirectory.js';
import type { Certificate } from '../simulators/webcert/model/certificate.js';
import { withDerivedRole } from '../simulators/webcert/directory/hsaRole.js';

export function benchCertificate(now: number): Certificate {
  const directory = defaultDirectory();
  return {
    id: '9f0a1c2e-5b3d-4e7f-8a9b-0c1d2e3f4a5b',
    typeCode: 'LISJP',
    typeVersion: '1.3',
    unit: directory.careUnits[0]!,
    issuedBy: withDerivedRole(directory.staff[0]!),
    patient: directory.patients[0]!,
    ref: 'bench',
    status: 'SIGNED',
    createdAt: now,
    signedAt: now,
    answers: [
      { id: '1', delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'Min undersökning av patienten' } } }, { id: '1.2', value: '2026-03-02' }] },
      { id: '6', delsvar: [{ id: '6.1', value: 'Akut bronkit' }, { id: '6.2', value: 'J20' }] },
      { id: '32', delsvar: [{ id: '32.1', value: { cv: { code: 'HELT_NEDSATT', codeSystem: 'KV_FKMU_0003', displayName: '100%' } } }, { id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } }] },
    ],
    version: 3,
  };
}
