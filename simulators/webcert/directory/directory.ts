/**
 * What Webcert would look up in HSA (staff, commissions, units) and PU (patients): here a plain
 * data set that the topology provides.
 */
import type { CareUnit, Patient, StaffMember } from '../model/certificate.js';

/** The data set behind the HSA and PU look-ups. */
export interface DirectoryData {
  careUnits: CareUnit[];
  staff: StaffMember[];
  patients: Patient[];
  /**
   * What to do with a patient PU does not know: `from-request` uses the journal's data (handy for
   * a vendor's own test patients), `refuse` answers APPLICATION_ERROR as Webcert does.
   */
  unknownPatients?: 'from-request' | 'refuse';
}

/** Look-ups over a {@link DirectoryData}. */
export class Directory {
  constructor(readonly data: DirectoryData) {}

  staffMember(hsaId: string): StaffMember | undefined {
    return this.data.staff.find((s) => s.hsaId === hsaId);
  }

  careUnit(hsaId: string): CareUnit | undefined {
    return this.data.careUnits.find((u) => u.hsaId === hsaId);
  }

  patient(personId: string): Patient | undefined {
    const digits = personId.replace(/\D/g, '');
    return this.data.patients.find((p) => p.personId === digits);
  }

  /** True when the person holds a commission on the unit. */
  hasCommission(staffHsaId: string, unitHsaId: string): boolean {
    return this.staffMember(staffHsaId)?.commissions.includes(unitHsaId) ?? false;
  }
}
