import { expect, test } from '@playwright/test';
// @ts-expect-error plain JavaScript module without types (see its header)
import { skipsCounted } from './offlineAwesomePlugin.mjs';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
const embedded = (html: string, name: string) => JSON.parse(Buffer.from(new RegExp(`d\\("${name}","([^"]*)"\\)`).exec(html)![1]!, 'base64').toString('utf8'));

test('the ring counts a skip as not passed: 2 passed, 2 skipped is 50 %, not 100 %', () => {
  const html = `<script>d("widgets/statistic.json","${b64({ total: 4, passed: 2, skipped: 2 })}"),d("widgets/pie_chart.json","${b64({ slices: [], percentage: 100 })}"),d("widgets/env1/statistic.json","${b64({ total: 3, passed: 3 })}"),d("widgets/env1/pie_chart.json","${b64({ slices: [], percentage: 100 })}")</script>`;
  const fixed = skipsCounted(html) as string;
  expect(embedded(fixed, 'widgets/pie_chart.json').percentage).toBe(50);
  expect(embedded(fixed, 'widgets/env1/pie_chart.json').percentage).toBe(100);
});

test('a report without the widgets is left as it is', () => {
  const html = '<html><body>d("widgets/pie_chart.json","not base64 json")</body></html>';
  expect(skipsCounted(html)).toBe(html);
});
