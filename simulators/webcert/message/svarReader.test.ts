import { test, expect } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import { CORE_EXT_3_3_NS, CORE_NS, TYPES_NS } from '../../kit/contracts/namespaces.js';
import { readSvarList } from './svarReader.js';

test('forifyllnad svar: instans, text, cv, period, partial date and pq', () => {
  const xml = `<m3:forifyllnad xmlns:m3="${CORE_EXT_3_3_NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">
    <m3:svar id="1"><core:instans>2</core:instans>
      <core:delsvar id="1.1"><types:cv><types:code>UNDERSOKNING</types:code><types:codeSystem>KV_FKMU_0001</types:codeSystem><types:displayName>Min undersökning</types:displayName></types:cv></core:delsvar>
      <core:delsvar id="1.2"> 2026-03-02 </core:delsvar></m3:svar>
    <m3:svar id="32"><core:delsvar id="32.2"><types:datePeriod><types:start>2026-03-02</types:start><types:end>2026-03-15</types:end></types:datePeriod></core:delsvar></m3:svar>
    <m3:svar id="35"><core:delsvar id="35.1"><types:partialDate><types:format>YYYY</types:format><types:value>2010</types:value></types:partialDate></core:delsvar></m3:svar>
    <m3:svar id="7"><core:delsvar id="7.1"><types:pq><types:value>50.0</types:value><types:unit>%</types:unit></types:pq></core:delsvar></m3:svar>
    <core:svar id="99"><core:delsvar id="99.1">not in the 3.3 namespace</core:delsvar></core:svar>
  </m3:forifyllnad>`;
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  expect(readSvarList(root, CORE_EXT_3_3_NS)).toEqual([
    { id: '1', instans: 2, delsvar: [
      { id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'Min undersökning' } } },
      { id: '1.2', value: '2026-03-02' },
    ] },
    { id: '32', delsvar: [{ id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } }] },
    { id: '35', delsvar: [{ id: '35.1', value: { partialDate: { format: 'YYYY', value: '2010' } } }] },
    { id: '7', delsvar: [{ id: '7.1', value: { pq: { value: 50, unit: '%' } } }] },
  ]);
});
