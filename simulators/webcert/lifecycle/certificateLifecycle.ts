/**
 * What a user does to a signed certificate in Webcert, each checked by the access rules
 * (access/certificateAccess.ts) before it acts: send it to its recipient, revoke it, renew it
 * (a new draft with FRLANG to it), replace it (a new draft with ERSATT) and create a draft of
 * another type from it ("Skapa dödsorsaksintyg" from a DB, no relation), as webcert
 * `IntygServiceImpl` and `CopyUtkastServiceImpl` do. A new draft gets SKAPAT (with its relation in
 * `intyg/relation`), the journal's `ref` of the session's launch, and the logged-in unit, which is
 * added to the integrated units when the original's unit is integrated and of the same care
 * provider (IntegreradeEnheterRegistry.addIfSameVardgivareButDifferentUnits).
 */
import { timeOrderedUuid } from '../../kit/sqlite/timeOrderedUuid.js';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { CertificateAccessError, evaluateAccess, evaluateAllAccess, type AccessDecision, type AccessFacts, type LifecycleAction } from '../access/certificateAccess.js';
import type { CertificateMessage } from '../certificatesender/certificateQueue.js';
import type { CertificateSender } from '../certificatesender/certificateSender.js';
import type { Directory } from '../directory/directory.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import { draftCreationVerdict } from '../drafts/createDraftRules.js';
import { stockholmDate } from '../message/stockholmTime.js';
import type { Certificate, RelationCode, Svar } from '../model/certificate.js';
import { certificateTypeByCode, requireCertificateType } from '../model/certificateTypes.js';
import { valuesToSvar } from '../model/forms/formAnswers.js';
import { svarToValues } from '../model/forms/formAnswersRead.js';
import { validateForm } from '../model/forms/formValidation.js';
import { formFor } from '../model/forms/forms.js';
import type { IntegrationParameters } from '../web/launchParameters.js';
import type { Role } from '../access/rolePrivileges.js';
import { checkPersonId } from '../directory/personId.js';
import { relationsOf } from './certificateRelations.js';

/** Who acts: the logged-in user, the unit he or she is logged in on, and the session's launch. */
export interface Actor {
  /** HSA-ID of the user. */
  hsaId: string;
  /** The logged-in unit (valdVardenhet). */
  unitId: string | undefined;
  origin: 'DJUPINTEGRATION' | 'NORMAL';
  /** The session's launch parameters; undefined without a launch. */
  launch: IntegrationParameters | undefined;
  /** The user's role; without one (the admin API), no privilege is checked. */
  role?: Role;
}

/** The reasons of the "Makulera intyg" dialog (Webcert's RevokeCertificateReason codes). */
export type RevokeReasonCode = 'FEL_PATIENT' | 'ANNAT_ALLVARLIGT_FEL';

export interface CertificateLifecycleOptions {
  clock: Clock;
  store: CertificateStore;
  sender: CertificateSender;
  directory: Directory;
  integratedUnits: Set<string>;
}

/** The patient of a draft made from `patient`'s certificate: with the launch's alternatePatientSSn when it is a valid number. */
export function patientOnNewDraft(patient: Certificate['patient'], launch: IntegrationParameters | undefined): Certificate['patient'] {
  const alternate = launch?.alternatePatientSSn ? checkPersonId(launch.alternatePatientSSn) : undefined;
  return alternate?.valid && alternate.normalised && alternate.normalised !== patient.personId ? { ...patient, personId: alternate.normalised } : patient;
}

export class CertificateLifecycle {
  constructor(private readonly o: CertificateLifecycleOptions) {}

  /** Whether a send of the certificate to its type's recipient is queued or done. */
  sent(certificate: Certificate): boolean {
    const recipient = certificateTypeByCode(certificate.typeCode)?.defaultRecipient;
    return certificate.sentTo !== undefined || (recipient !== undefined && this.o.sender.queue.pending('SEND', certificate.id, recipient));
  }

  /** What the access rules need to know about `certificate` and `actor`. */
  facts(certificate: Certificate, actor: Actor): AccessFacts {
    const type = certificateTypeByCode(certificate.typeCode);
    let templateRefusal: string | undefined;
    if (type?.templateFor && certificate.status === 'SIGNED') {
      const unit = this.o.directory.careUnit(actor.unitId ?? '') ?? certificate.unit;
      const verdict = draftCreationVerdict(requireCertificateType(type.templateFor), this.o.store.list({ personId: certificate.patient.personId }), unit);
      if (verdict?.resultCode === 'ERROR') templateRefusal = verdict.resultText;
    }
    return {
      certificate,
      relations: relationsOf(this.o.store, certificate),
      sent: this.sent(certificate),
      user: { unitId: actor.unitId, origin: actor.origin, role: actor.role },
      launch: actor.launch,
      templateRefusal,
    };
  }

  /** Every action's decision for the page. */
  decisions(certificate: Certificate, actor: Actor): Record<LifecycleAction, AccessDecision> {
    return evaluateAllAccess(this.facts(certificate, actor));
  }

  /** @throws {CertificateAccessError} when the rules refuse `action`. */
  private check(action: LifecycleAction, id: string, actor: Actor): Certificate {
    const certificate = this.o.store.require(id);
    const decision = evaluateAccess(action, this.facts(certificate, actor));
    if (!decision.allowed) throw new CertificateAccessError(action, decision.code, decision.reason);
    return certificate;
  }

  /** "Skicka till …": SendCertificateToRecipient to the type's recipient through Intygstjänsten. */
  send(id: string, actor: Actor): CertificateMessage {
    const c = this.check('SEND', id, actor);
    return this.o.sender.send(c, certificateTypeByCode(c.typeCode)!.defaultRecipient!, actor.hsaId);
  }

  /**
   * "Makulera": MAKULE to the journal system, RevokeCertificate to Intygstjänsten. Its
   * `meddelande` is the reason's label and the user's words, as Webcert's dialog joins them.
   */
  revoke(id: string, actor: Actor, reason?: { code: RevokeReasonCode; label: string; text?: string }): CertificateMessage | undefined {
    this.check('REVOKE', id, actor);
    const meddelande = reason ? [reason.label, reason.text?.trim()].filter(Boolean).join(' ') : undefined;
    return this.revokeUnchecked(id, actor.hsaId, meddelande, reason?.code);
  }

  /**
   * Revokes without the access rules (the admin API's path): MAKULE, and RevokeCertificate with
   * `meddelande` when the certificate was signed.
   */
  revokeUnchecked(id: string, by: string | undefined, meddelande?: string, reasonCode?: string): CertificateMessage | undefined {
    const c = this.o.store.revoke(id, by, reasonCode);
    return c.signature ? this.o.sender.revoke(c, by, meddelande) : undefined;
  }

  /** "Förnya": a new draft of the same type with FRLANG, without what the type's renewal leaves out. */
  renew(id: string, actor: Actor): Certificate {
    const original = this.check('RENEW', id, actor);
    const leavesOut = new Set(certificateTypeByCode(original.typeCode)?.renewal?.leavesOut ?? []);
    return this.newDraft(original, actor, original.typeCode, original.answers.filter((s) => !leavesOut.has(s.id)), 'FRLANG');
  }

  /** "Ersätt": a new draft with the same answers and ERSATT. */
  replace(id: string, actor: Actor): Certificate {
    const original = this.check('REPLACE', id, actor);
    return this.newDraft(original, actor, original.typeCode, original.answers, 'ERSATT');
  }

  /**
   * "Skapa dödsorsaksintyg": a draft of the type the original is a template for, with the answers
   * both forms have (by field), and no relation (Webcert's CreateUtkastFromTemplateBuilder).
   */
  createFromTemplate(id: string, actor: Actor): Certificate {
    const original = this.check('CREATE_FROM_TEMPLATE', id, actor);
    const typeCode = certificateTypeByCode(original.typeCode)!.templateFor!;
    const from = formFor(original.typeCode);
    const to = formFor(typeCode);
    const answers = from && to ? valuesToSvar(to, svarToValues(from, original.answers)) : [];
    return this.newDraft(original, actor, typeCode, answers, undefined);
  }

  private newDraft(original: Certificate, actor: Actor, typeCode: string, answers: Svar[], code: RelationCode | undefined): Certificate {
    const type = requireCertificateType(typeCode);
    const unit = this.o.directory.careUnit(actor.unitId ?? '') ?? original.unit;
    const staff = this.o.directory.staffMember(actor.hsaId) ?? original.issuedBy;
    const form = formFor(typeCode);
    const complete = form
      ? validateForm(form, svarToValues(form, answers), { today: stockholmDate(this.o.clock.now()), patientPersonId: original.patient.personId }).length === 0
      : answers.length > 0;
    const units = this.o.integratedUnits;
    if (actor.origin === 'DJUPINTEGRATION' && units.has(original.unit.hsaId) && unit.careProvider.hsaId === original.unit.careProvider.hsaId) units.add(unit.hsaId);
    return this.o.store.create({
      id: timeOrderedUuid(),
      typeCode,
      typeVersion: type.latestVersion,
      unit,
      issuedBy: staff,
      // A new draft from a launch with alternatePatientSSn goes onto the journal's current number (CopyUtkastServiceHelper).
      patient: patientOnNewDraft(original.patient, actor.launch),
      ref: actor.launch?.ref,
      ...(code ? { relation: { code, certificateId: original.id } } : {}),
      answers,
      complete,
    });
  }
}
