/**
 * Reading a RIV-TA `intyg` (core:Intyg 3.3) as its receivers do: Intygstjänsten and the
 * recipients read the id, type and version, the patient, who signed it where, and the answers.
 * Errors name the missing element, for a VALIDATION_ERROR text.
 */
import type { Element } from '@xmldom/xmldom';
import { childElement, childElements, childText } from '../xml/dom.js';
import { CORE_NS, TYPES_NS } from './namespaces.js';

/** A coded value of a delsvar (types:cv). */
export interface ReadCodedValue {
  code: string;
  codeSystem?: string;
  displayName?: string;
}

/** One delsvar: its text (trimmed) and, when it holds a `types:cv` or `types:datePeriod`, that value. */
export interface ReadDelsvar {
  id: string;
  text: string;
  cv?: ReadCodedValue;
  datePeriod?: { start: string; end: string };
}

/** One `intyg/relation`: this certificate replaces (ERSATT), complements (KOMPLT), renews (FRLANG) … that one. */
export interface ReadRelation {
  code: string;
  certificateId: string;
}

/** One svar with its delsvar. */
export interface ReadSvar {
  id: string;
  instans?: number;
  delsvar: ReadDelsvar[];
}

/** What a receiver reads of an `intyg`. */
export interface IntygReading {
  certificateId: string;
  /** `intygs-id/root`: the issuing unit's HSA-ID. */
  certificateRoot: string;
  typeCode: string;
  typeCodeSystem?: string;
  typeVersion: string;
  /** `signeringstidpunkt` as written (Stockholm local time). */
  signingTime?: string;
  sentTime?: string;
  patient: { personId: string; personIdRoot: string; fornamn?: string; efternamn?: string };
  issuedBy: { hsaId: string; fullName?: string };
  unit: { hsaId: string; name?: string };
  careProvider: { hsaId?: string; name?: string };
  /** The relations to earlier certificates, in document order. */
  relations: ReadRelation[];
  answers: ReadSvar[];
}

/** The `intyg` could not be read; the message names the element. */
export class IntygReadingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntygReadingError';
  }
}

function need(parent: Element | undefined, path: string, ...steps: [string, string][]): Element {
  let node = parent;
  const walked: string[] = [];
  for (const [ns, name] of steps) {
    walked.push(name);
    node = node ? childElement(node, ns, name) : undefined;
    if (!node) throw new IntygReadingError(`intyg/${path ? `${path}/` : ''}${walked.join('/')} is missing`);
  }
  return node!;
}

function needText(parent: Element, path: string, ...steps: [string, string][]): string {
  const text = (need(parent, path, ...steps).textContent ?? '').trim();
  if (!text) throw new IntygReadingError(`intyg/${path ? `${path}/` : ''}${steps.map((s) => s[1]).join('/')} is empty`);
  return text;
}

const C = (name: string): [string, string] => [CORE_NS, name];
const T = (name: string): [string, string] => [TYPES_NS, name];

/**
 * Reads `intyg` (the element itself may be in any namespace: each responder schema declares it).
 * @throws {IntygReadingError} naming a required element that is missing or empty.
 */
export function readIntyg(intyg: Element): IntygReading {
  const enhet = need(intyg, '', C('skapadAv'), C('enhet'));
  const vardgivare = childElement(enhet, CORE_NS, 'vardgivare');
  const vardgivareId = vardgivare ? childElement(vardgivare, CORE_NS, 'vardgivare-id') : undefined;
  const answers: ReadSvar[] = childElements(intyg, CORE_NS, 'svar').map((svar) => {
    const instans = childText(svar, CORE_NS, 'instans');
    return {
      id: svar.getAttribute('id') ?? '',
      ...(instans ? { instans: Number(instans) } : {}),
      delsvar: childElements(svar, CORE_NS, 'delsvar').map((d) => {
        const cvEl = childElement(d, TYPES_NS, 'cv');
        const cv = cvEl
          ? { code: childText(cvEl, TYPES_NS, 'code') ?? '', codeSystem: childText(cvEl, TYPES_NS, 'codeSystem'), displayName: childText(cvEl, TYPES_NS, 'displayName') }
          : undefined;
        const periodEl = childElement(d, TYPES_NS, 'datePeriod');
        const datePeriod = periodEl ? { start: childText(periodEl, TYPES_NS, 'start') ?? '', end: childText(periodEl, TYPES_NS, 'end') ?? '' } : undefined;
        return { id: d.getAttribute('id') ?? '', text: (d.textContent ?? '').trim(), ...(cv ? { cv } : {}), ...(datePeriod ? { datePeriod } : {}) };
      }),
    };
  });
  return {
    certificateId: needText(intyg, '', C('intygs-id'), T('extension')),
    certificateRoot: needText(intyg, '', C('intygs-id'), T('root')),
    typeCode: needText(intyg, '', C('typ'), T('code')),
    typeCodeSystem: childText(need(intyg, '', C('typ')), TYPES_NS, 'codeSystem'),
    typeVersion: needText(intyg, '', C('version')),
    signingTime: childText(intyg, CORE_NS, 'signeringstidpunkt'),
    sentTime: childText(intyg, CORE_NS, 'skickatTidpunkt'),
    patient: {
      personId: needText(intyg, '', C('patient'), C('person-id'), T('extension')),
      personIdRoot: needText(intyg, '', C('patient'), C('person-id'), T('root')),
      fornamn: childText(need(intyg, '', C('patient')), CORE_NS, 'fornamn'),
      efternamn: childText(need(intyg, '', C('patient')), CORE_NS, 'efternamn'),
    },
    issuedBy: {
      hsaId: needText(intyg, '', C('skapadAv'), C('personal-id'), T('extension')),
      fullName: childText(need(intyg, '', C('skapadAv')), CORE_NS, 'fullstandigtNamn'),
    },
    unit: { hsaId: needText(enhet, 'skapadAv/enhet', C('enhets-id'), T('extension')), name: childText(enhet, CORE_NS, 'enhetsnamn') },
    careProvider: {
      hsaId: vardgivareId ? childText(vardgivareId, TYPES_NS, 'extension') : undefined,
      name: vardgivare ? childText(vardgivare, CORE_NS, 'vardgivarnamn') : undefined,
    },
    relations: childElements(intyg, CORE_NS, 'relation').map((r) => ({
      code: needText(r, 'relation', C('typ'), T('code')),
      certificateId: needText(r, 'relation', C('intygs-id'), T('extension')),
    })),
    answers,
  };
}

/** The delsvar with this id (e.g. `2.2`), first match across all svar. */
export function delsvarOf(reading: IntygReading, delsvarId: string): ReadDelsvar | undefined {
  for (const s of reading.answers) {
    const d = s.delsvar.find((x) => x.id === delsvarId);
    if (d) return d;
  }
  return undefined;
}
