/**
 * A session plan: for one vendor group and region, the ordered cases of a half day, each with its
 * estimated minutes and planned start, automated cases with the tags that pick their scenarios,
 * manual cases with instructions and what samverkan will see on the wire. A plan is made once, at
 * `session start`, and kept in the session's store, so `resume` follows the same plan even if the
 * data files changed since.
 */
import { certificateTypeByCode } from '../../../simulators/webcert/model/certificateTypes.js';
import { DataFileError } from '../data/dataNode.js';
import type { Region } from '../data/regionsFile.js';
import type { ReferenceData } from '../data/referenceData.js';
import type { CaseConditions, CaseSpec, Observation } from '../data/sessionCatalogueFile.js';
import { issuedTypes } from '../data/statisticsFile.js';
import { CHROMIUM_BROWSERS, type IntegrationProfile, type VendorGroup } from '../data/vendorGroupsFile.js';
import { grepFor, type TagSelection } from './tagSelection.js';

interface PlannedBase {
  /** Unique in the plan, e.g. `skapa-utkast-lisjp`. */
  id: string;
  /** 1-based position in the day. */
  position: number;
  blockId: string;
  blockTitle: string;
  title: string;
  minutes: number;
  /** Minutes from the session's start to this case's planned start. */
  plannedStart: number;
  requirements: string[];
}

export interface PlannedAutomatedCase extends PlannedBase, TagSelection {
  kind: 'automated';
  /** `conformance`: the journal-system conformance suite, run by the session (no scenarios). */
  runner?: 'conformance';
  /** Playwright `--grep` for this case alone. */
  grep: string;
}

export interface PlannedManualCase extends PlannedBase {
  kind: 'manual';
  instructions: string;
  observe: Observation[];
}

export type PlannedCase = PlannedAutomatedCase | PlannedManualCase;

export interface PlannedBreak {
  kind: 'break';
  title: string;
  minutes: number;
  plannedStart: number;
}

export interface SessionPlan {
  vendorGroup: { id: string; name: string };
  region: { id: string; name: string };
  profile: IntegrationProfile;
  /** The session's day, `2026-12-01`. */
  date: string;
  journal: 'sim' | 'external';
  /** Certificate types the manual cases use, most issued first. */
  certificateTypes: string[];
  /** Cases and breaks in the day's order. */
  entries: Array<PlannedCase | PlannedBreak>;
  /** Minutes of every entry together. */
  totalMinutes: number;
  halfDayMinutes: number;
  /** How the plan was narrowed (`--only`, `--automated-only`), in words; empty for a full day. */
  selection: string;
}

/** The people and things the plan's texts name. */
export interface PlanContext {
  unit: { hsaId: string; name: string };
  doctor: { fullName: string };
}

export interface PlanOptions {
  date: string;
  journal: 'sim' | 'external';
  /** Case ids to keep (a base id such as `signera` keeps all its expansions). */
  only?: readonly string[];
  automatedOnly?: boolean;
}

/** A selection that names a case the plan does not have. */
export class PlanSelectionError extends Error {
  override name = 'PlanSelectionError';
}

/**
 * Builds the plan for `group` and `region`.
 * @throws {DataFileError} when the full day does not fit in `halfDayMinutes`
 * @throws {PlanSelectionError} when `only` names an unknown case
 */
export function buildSessionPlan(data: ReferenceData, group: VendorGroup, region: Region, context: PlanContext, options: PlanOptions): SessionPlan {
  const profile = group.profile;
  const certificateTypes = typesFor(data, region, profile);
  const ordinary = data.catalogue.testPatients.ordinary;
  const base: Record<string, string> = {
    patient: `${ordinary.name}, ${formatPersonId(ordinary.personId)}`,
    personnummer: ordinary.personId,
    samordningsnummer: data.catalogue.testPatients.coordination.personId,
    enhet: context.unit.hsaId,
    enhetsnamn: context.unit.name,
    lakare: context.doctor.fullName,
    region: region.name,
    leverantorsgrupp: group.name,
    eidpaket: profile.eidAppPackage,
  };

  const entries: Array<PlannedCase | PlannedBreak> = [];
  let minute = 0;
  let position = 0;
  for (const block of data.catalogue.blocks) {
    if (block.breakMinutes) {
      entries.push({ kind: 'break', title: block.title, minutes: block.breakMinutes, plannedStart: minute });
      minute += block.breakMinutes;
      continue;
    }
    for (const spec of block.cases) {
      if (!applies(spec.when, profile, options)) continue;
      for (const values of expansions(spec, certificateTypes, profile)) {
        const fill = (text: string) => fillPlaceholders(text, { ...base, ...values.placeholders });
        const common = {
          id: values.suffix ? `${spec.id}-${values.suffix}` : spec.id,
          position: ++position,
          blockId: block.id,
          blockTitle: fill(block.title),
          title: fill(spec.title),
          minutes: spec.minutes,
          plannedStart: minute,
          requirements: spec.requirements,
        };
        minute += spec.minutes;
        entries.push(
          spec.kind === 'automated'
            ? spec.runner === 'conformance'
              ? { ...common, kind: 'automated', runner: 'conformance', anyTags: [], allTags: [], noTags: [], grep: '' }
              : { ...common, kind: 'automated', anyTags: spec.anyTags, allTags: spec.allTags, noTags: spec.noTags, grep: grepFor(spec) }
            : { ...common, kind: 'manual', instructions: fill(spec.instructions), observe: spec.observe.map((o) => fillObservation(o, fill)) },
        );
      }
    }
  }
  const halfDay = data.catalogue.halfDayMinutes;
  if (minute > halfDay) {
    const longest = entries.filter((e): e is PlannedCase => e.kind !== 'break').sort((a, b) => b.minutes - a.minutes).slice(0, 3);
    throw new DataFileError(
      data.catalogue.halfDayMinutesAt.file,
      data.catalogue.halfDayMinutesAt.line,
      `the plan for ${group.name} / ${region.name} needs ${minute} minutes, more than the half day's ${halfDay}; ` +
        `shorten cases' "minutes" or lower "maxCertificateTypes" (longest: ${longest.map((c) => `${c.id} ${c.minutes} min`).join(', ')})`,
    );
  }
  const plan: SessionPlan = {
    vendorGroup: { id: group.id, name: group.name },
    region: { id: region.id, name: region.name },
    profile,
    date: options.date,
    journal: options.journal,
    certificateTypes,
    entries,
    totalMinutes: minute,
    halfDayMinutes: halfDay,
    selection: '',
  };
  return narrow(plan, options);
}

/** Only the cases asked for (breaks dropped, numbered and timed anew). */
function narrow(plan: SessionPlan, options: PlanOptions): SessionPlan {
  if (!options.only?.length && !options.automatedOnly) return plan;
  let cases = plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
  const words: string[] = [];
  if (options.only?.length) {
    const unknown = options.only.filter((id) => !cases.some((c) => c.id === id || c.id.startsWith(`${id}-`)));
    if (unknown.length) {
      throw new PlanSelectionError(
        `--only names ${unknown.map((u) => `"${u}"`).join(', ')}, which the plan for ${plan.vendorGroup.name} / ${plan.region.name} does not have; valid choices: ${cases.map((c) => c.id).join(', ')}`,
      );
    }
    cases = cases.filter((c) => options.only!.some((id) => c.id === id || c.id.startsWith(`${id}-`)));
    words.push(`endast ${options.only.join(', ')}`);
  }
  if (options.automatedOnly) {
    cases = cases.filter((c) => c.kind === 'automated');
    words.push('endast automatiska fall');
  }
  if (!cases.length) throw new PlanSelectionError(`the selection (${words.join('; ')}) leaves no case to run`);
  let minute = 0;
  const entries = cases.map((c, i) => {
    const e = { ...c, position: i + 1, plannedStart: minute };
    minute += c.minutes;
    return e;
  });
  return { ...plan, entries, totalMinutes: minute, selection: words.join('; ') };
}

function applies(when: CaseConditions | undefined, profile: IntegrationProfile, options: PlanOptions): boolean {
  if (!when) return true;
  if (when.eidAppPackage && !when.eidAppPackage.includes(profile.eidAppPackage)) return false;
  if (when.embeddedBrowser !== undefined && when.embeddedBrowser !== profile.embeddedBrowser) return false;
  if (when.pinSso !== undefined && when.pinSso !== profile.pinSso) return false;
  if (when.netIdIe11 !== undefined && when.netIdIe11 !== profile.netIdIe11) return false;
  if (when.sessionDateBefore && !(options.date < when.sessionDateBefore)) return false;
  if (when.sessionDateFrom && !(options.date >= when.sessionDateFrom)) return false;
  if (when.journal && when.journal !== options.journal) return false;
  return true;
}

interface Expansion {
  suffix?: string;
  placeholders: Record<string, string>;
}

function expansions(spec: CaseSpec, types: string[], profile: IntegrationProfile): Expansion[] {
  if (spec.forEach === 'certificateType') {
    return types.slice(0, spec.maxCertificateTypes ?? types.length).map((code) => ({
      suffix: slug(code),
      placeholders: { intygstyp: code, intygstypnamn: certificateTypeByCode(code)?.name ?? code },
    }));
  }
  if (spec.forEach === 'browser') {
    return profile.browsers.filter((b) => CHROMIUM_BROWSERS.includes(b)).map((b) => ({ suffix: slug(b), placeholders: { webblasare: b } }));
  }
  return [{ placeholders: {} }];
}

/** The group's types that the region issued in the statistics, most first; the group's own order when the region has no statistics. */
function typesFor(data: ReferenceData, region: Region, profile: IntegrationProfile): string[] {
  const issued = issuedTypes(data.statistics, region.id).map((t) => t.code).filter((c) => profile.certificateTypes.includes(c));
  return issued.length ? issued : [...profile.certificateTypes];
}

function fillObservation(o: Observation, fill: (text: string) => string): Observation {
  if (!o.traffic) return { ...o, description: fill(o.description) };
  const t = { ...o.traffic };
  for (const key of ['logicalAddress', 'personId', 'requestContains'] as const) if (t[key] !== undefined) t[key] = fill(t[key]!);
  return { ...o, description: fill(o.description), traffic: t };
}

/** Replaces known `{name}`s; unknown ones (e.g. `{webcert}`, known only when the topology runs) stay. */
export function fillPlaceholders(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** `191212121212` → `19 121212-1212`, as the minutes write a personnummer. */
export function formatPersonId(id: string): string {
  return /^\d{12}$/.test(id) ? `${id.slice(0, 2)} ${id.slice(2, 8)}-${id.slice(8)}` : id;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
