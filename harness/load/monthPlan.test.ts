import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateTypeByCode } from '../../simulators/webcert/model/certificateTypes.js';
import { DEFAULT_DATA_DIR, loadReferenceData } from '../sessions/data/referenceData.js';
import { checkPersonId } from '../../simulators/kit/contracts/personId.js';
import { loadPersonId } from './loadDirectory.js';
import { certificatesPerRegion, expectedEvents, LOAD_SHARES, LoadInputError, planMonth, plannableRegions } from './monthPlan.js';
import { dealRegions } from './regionDeal.js';

const data = loadReferenceData();
/** The May table as the file has it (not through the reader): region → counts in column order. */
const raw = JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'certificate-statistics-2022.json'), 'utf8')) as {
  columns: string[];
  tables: Array<{ month: string; channel: string; rows: Record<string, Array<number | null>> }>;
};
const may = raw.tables.find((t) => t.month === '2022-05' && t.channel === 'integrated')!;

test.describe('the month plan', () => {
  const plan = planMonth(data.statistics, { month: '2022-05' });

  test('issues exactly the certificates of the table per region and type, 198,592 in May', () => {
    let total = 0;
    for (const [region, cells] of Object.entries(may.rows)) {
      raw.columns.forEach((code, i) => {
        const n = cells[i] ?? 0;
        const planned = plan.certificates.filter((c) => c.regionId === region && c.typeCode === code && !c.abandoned).length;
        expect(planned, `${region} ${code}`).toBe(n);
        total += n;
      });
    }
    expect(total).toBe(198_592);
    expect(plan.certificates.filter((c) => !c.abandoned)).toHaveLength(198_592);
    expect(plan.standaloneNotReplayed).toBe(3_828);
  });

  test('has the shares of the decision note: deleted drafts, sends by type, revocations, second edits', () => {
    const issued = plan.certificates.filter((c) => !c.abandoned);
    const abandoned = plan.certificates.filter((c) => c.abandoned);
    expect(abandoned.length / issued.length).toBeCloseTo(LOAD_SHARES.abandonedDrafts, 2);
    // Never signed; deleted unless the deletion would fall after the month.
    expect(abandoned.filter((c) => c.at.sign !== undefined)).toHaveLength(0);
    expect(abandoned.filter((c) => c.at.delete === undefined && c.at.create! < plan.end - 3 * 86_400_000)).toHaveLength(0);
    const share = (list: typeof issued, has: (c: (typeof issued)[number]) => boolean) => list.filter(has).length / list.length;
    const fk = issued.filter((c) => certificateTypeByCode(c.typeCode)?.defaultRecipient === 'FKASSA' && c.at.sign! < plan.end - 2 * 86_400_000);
    expect(share(fk, (c) => c.at.send !== undefined)).toBeCloseTo(LOAD_SHARES.sentFk, 2);
    const ts = issued.filter((c) => c.typeCode.startsWith('TSTRK') && c.at.sign! < plan.end - 2 * 86_400_000);
    expect(share(ts, (c) => c.at.send !== undefined)).toBeCloseTo(LOAD_SHARES.sentTs, 1);
    // Webcert itself sends DB and DOI at signing, and the AG certificates go to no recipient: no send step.
    expect(issued.filter((c) => ['DB', 'DOI', 'AG1-14', 'AG7804'].includes(c.typeCode) && c.at.send !== undefined)).toHaveLength(0);
    const early = issued.filter((c) => c.at.sign! < plan.end - 7 * 86_400_000);
    expect(share(early, (c) => c.at.revoke !== undefined)).toBeCloseTo(LOAD_SHARES.revoked, 2);
    expect(share(issued, (c) => c.at.edit2 !== undefined)).toBeCloseTo(LOAD_SHARES.secondEdit, 1);
  });

  test('orders every step in time, each certificate after its draft, inside the month, signing after the ANDRAT batch', () => {
    let unordered = 0;
    for (let i = 1; i < plan.steps.length; i++) if (plan.steps.at[i]! < plan.steps.at[i - 1]!) unordered++;
    expect(unordered).toBe(0);
    const wrong: string[] = [];
    for (const c of plan.certificates) {
      const times = Object.values(c.at) as number[];
      if (Math.min(...times) !== c.at.create || Math.max(...times) >= plan.end || c.at.create! < plan.start) wrong.push(`${c.index} outside the month or before its draft`);
      if (c.at.sign !== undefined && c.at.sign - Math.max(c.at.edit!, c.at.edit2 ?? 0) <= 5 * 60_000) wrong.push(`${c.index} signed within the ANDRAT batch`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test('weekdays in office hours carry most of the traffic', () => {
    const office = plan.certificates.filter((c) => {
      const d = new Date(c.at.create!);
      return d.getUTCDay() % 6 !== 0 && d.getUTCHours() >= 7 && d.getUTCHours() < 16;
    });
    expect(office.length / plan.certificates.length).toBeGreaterThan(0.8);
  });

  test('expects one SKAPAT per draft, a SIGNAT per issued certificate, SKICKA for sends and for DB/DOI', () => {
    const events = expectedEvents(plan);
    expect(events.get('SKAPAT')).toBe(plan.certificates.length);
    expect(events.get('SIGNAT')).toBe(plan.certificates.filter((c) => c.at.sign !== undefined).length);
    const dbDoi = plan.certificates.filter((c) => ['DB', 'DOI'].includes(c.typeCode) && c.at.sign !== undefined).length;
    expect(events.get('SKICKA')).toBe(plan.certificates.filter((c) => c.at.send !== undefined).length + dbDoi);
  });

  test('is the same on every run, and a scale or a few regions keep the shape', () => {
    const again = planMonth(data.statistics, { month: '2022-05', regions: ['varmland'] });
    const once = planMonth(data.statistics, { month: '2022-05', regions: ['varmland'] });
    expect(again.steps).toEqual(once.steps);
    expect(again.certificates.filter((c) => !c.abandoned)).toHaveLength(may.rows.varmland!.at(-1)!);
    const tenth = planMonth(data.statistics, { month: '2022-05', regions: ['varmland', 'vgr'], scale: 0.1 });
    for (const region of ['varmland', 'vgr']) {
      raw.columns.forEach((code, i) => {
        const n = Math.round((may.rows[region]![i] ?? 0) * 0.1);
        expect(tenth.certificates.filter((c) => c.regionId === region && c.typeCode === code && !c.abandoned).length, `${region} ${code}`).toBe(n);
      });
    }
    const oneDay = planMonth(data.statistics, { month: '2022-05', regions: ['varmland'], days: 1 });
    expect(oneDay.certificates.every((c) => c.at.create! < oneDay.start + 86_400_000)).toBe(true);
  });

  test('gives every certificate of the month its own patient, a valid personnummer, the same whichever shard plans it', () => {
    const options = { month: '2022-05', scale: 0.05 };
    const shards = dealRegions(certificatesPerRegion(data.statistics, options), 2).map((d) => planMonth(data.statistics, { ...options, regions: d.regions }));
    const patients = shards.flatMap((p) => p.certificates.map((c) => loadPersonId(c.patient)));
    expect(new Set(patients).size).toBe(patients.length);
    expect(patients.filter((p) => !checkPersonId(p).valid)).toEqual([]);
    // The one-process replay (every region) gives each certificate the patient its shard gives it.
    const whole = planMonth(data.statistics, options);
    const key = (c: { regionId: string; typeCode: string; at: { create?: number } }) => `${c.regionId}/${c.typeCode}/${c.at.create}`;
    const patientOf = new Map(whole.certificates.map((c) => [key(c), c.patient]));
    for (const c of shards.flatMap((p) => p.certificates)) expect(patientOf.get(key(c)), key(c)).toBe(c.patient);
  });

  test('refuses an unknown month, region, scale or days with the valid choices', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(LoadInputError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(() => planMonth(data.statistics, { month: '2022-06' }))).toContain('valid months: 2022-04, 2022-05');
    const region = refusal(() => planMonth(data.statistics, { month: '2022-05', regions: ['atlantis'] }));
    expect(region).toContain('unknown region "atlantis"');
    expect(region).toContain('varmland');
    expect(plannableRegions(data.statistics, '2022-05')).toContain('stockholm-gotland');
    expect(refusal(() => planMonth(data.statistics, { month: '2022-05', scale: 2 }))).toContain('--scale 2');
    expect(refusal(() => planMonth(data.statistics, { month: '2022-05', days: 40 }))).toContain('give 1 to 31');
  });
});
