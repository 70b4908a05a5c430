/**
 * What Webcert looks up in HSA (staff, commissions, units) and PU (patients): HSA as a plain data
 * set that the topology provides, PU as Webcert's {@link PopulationRegister} over the topology's
 * test patients.
 */
import type { FaultRules } from '../../kit/faults/faultRules.js';
import type { CareUnit, DirectoryStaffMember, StaffMember } from '../model/certificate.js';
import { withDerivedRole } from './hsaRole.js';
import { PopulationRegister, type PopulationRegisterEntry } from './populationRegister.js';
import { Subscriptions, type SubscriptionData } from './subscriptions.js';

/** The data set behind the HSA and PU look-ups. */
export interface DirectoryData {
  careUnits: CareUnit[];
  /** HSA's people: names, commissions and the credentials Webcert derives the role from. */
  staff: DirectoryStaffMember[];
  /** The population register's test patients, with their states (protected, deceased, not found …). */
  patients: PopulationRegisterEntry[];
  /**
   * What PU answers for a number not among `patients`: `from-request` (default) finds the person
   * with the journal's data (handy for a vendor's own test patients), `refuse` answers NOT_FOUND as
   * Webcert's PU does, so CreateDraftCertificate answers APPLICATION_ERROR.
   */
  unknownPatients?: 'from-request' | 'refuse';
  /** The subscription source (ServiceNow's part) and Webcert's check after login; see subscriptions.ts. */
  subscriptions?: SubscriptionData;
}

/** Look-ups over a {@link DirectoryData}. */
export class Directory {
  /** PU as Webcert looks it up (see populationRegister.ts). */
  readonly populationRegister: PopulationRegister;
  /** ServiceNow's subscriptions as Webcert checks them after login (see subscriptions.ts). */
  readonly subscriptions: Subscriptions;

  /** @throws Error when a test patient is malformed, naming it and the field. */
  constructor(readonly data: DirectoryData, options: { faults?: FaultRules } = {}) {
    this.populationRegister = new PopulationRegister(data.patients, { unknownPatients: data.unknownPatients, faults: options.faults });
    this.subscriptions = new Subscriptions(data.subscriptions, options.faults);
  }

  /** The person as Webcert's user: HSA's data with the role Webcert derives from it (hsaRole.ts). */
  staffMember(hsaId: string): StaffMember | undefined {
    const found = this.data.staff.find((s) => s.hsaId === hsaId);
    return found && withDerivedRole(found);
  }

  /** Every person, each with the role Webcert derives. */
  staffMembers(): StaffMember[] {
    return this.data.staff.map(withDerivedRole);
  }

  careUnit(hsaId: string): CareUnit | undefined {
    return this.data.careUnits.find((u) => u.hsaId === hsaId);
  }

  /** The care providers (HSA-IDs) of the units the person holds a commission on, each once. */
  careProvidersOf(staffHsaId: string): string[] {
    const units = this.staffMember(staffHsaId)?.commissions ?? [];
    return [...new Set(units.map((u) => this.careUnit(u)?.careProvider.hsaId).filter((p): p is string => !!p))];
  }

  /** True when the person holds a commission on the unit. */
  hasCommission(staffHsaId: string, unitHsaId: string): boolean {
    return this.staffMember(staffHsaId)?.commissions.includes(unitHsaId) ?? false;
  }
}
