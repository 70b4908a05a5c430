/**
 * Reading RIV-TA answers (`svar` of type core:Svar: `instans?`, `delsvar+` with mixed content) into
 * the simulator's model, e.g. CreateDraftCertificate 3.3 `forifyllnad`. A delsvar holding a
 * types:cv, datePeriod, partialDate or pq becomes that value; otherwise its trimmed text.
 */
import type { Element } from '@xmldom/xmldom';
import { CORE_NS, TYPES_NS } from '../../kit/contracts/namespaces.js';
import { childElement, childElements, childText } from '../../kit/xml/dom.js';
import type { DelsvarValue, Svar } from '../model/certificate.js';

function delsvarValue(delsvar: Element): DelsvarValue {
  const cv = childElement(delsvar, TYPES_NS, 'cv');
  if (cv) {
    const displayName = childText(cv, TYPES_NS, 'displayName');
    return { cv: { code: childText(cv, TYPES_NS, 'code') ?? '', codeSystem: childText(cv, TYPES_NS, 'codeSystem') ?? '', ...(displayName === undefined ? {} : { displayName }) } };
  }
  const period = childElement(delsvar, TYPES_NS, 'datePeriod');
  if (period) return { datePeriod: { start: childText(period, TYPES_NS, 'start') ?? '', end: childText(period, TYPES_NS, 'end') ?? '' } };
  const partial = childElement(delsvar, TYPES_NS, 'partialDate');
  if (partial) {
    const format = childText(partial, TYPES_NS, 'format');
    if (format === 'YYYY' || format === 'YYYY-MM' || format === 'YYYY-MM-DD') return { partialDate: { format, value: childText(partial, TYPES_NS, 'value') ?? '' } };
  }
  const pq = childElement(delsvar, TYPES_NS, 'pq');
  if (pq) return { pq: { value: Number(childText(pq, TYPES_NS, 'value')), unit: childText(pq, TYPES_NS, 'unit') ?? '' } };
  return (delsvar.textContent ?? '').trim();
}

/** One `svar` element (any namespace: core in `intyg`, 3.3 in `forifyllnad`) as a {@link Svar}. */
export function readSvar(svar: Element): Svar {
  const instans = childText(svar, CORE_NS, 'instans');
  return {
    id: svar.getAttribute('id') ?? '',
    ...(instans !== undefined && /^\d+$/.test(instans) ? { instans: Number(instans) } : {}),
    delsvar: childElements(svar, CORE_NS, 'delsvar').map((d) => ({ id: d.getAttribute('id') ?? '', value: delsvarValue(d) })),
  };
}

/** Every `svar` child of `parent` in namespace `ns`. */
export function readSvarList(parent: Element, ns: string): Svar[] {
  return childElements(parent, ns, 'svar').map(readSvar);
}
