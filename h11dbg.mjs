import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
process.env.TS_NODE_PROJECT = process.cwd() + '/tsconfig.json';
register('ts-node/esm', pathToFileURL(process.cwd() + '/'));
const { defaultTopologyConfig } = await import(pathToFileURL(process.cwd() + '/harness/topology/topologyConfig.ts').href);
const { startTopology } = await import(pathToFileURL(process.cwd() + '/harness/topology/startTopology.ts').href);
const t = await startTopology(defaultTopologyConfig({ clock: { mode: 'manual', start: Date.parse('2026-03-02T08:00:00+01:00') }, admin: {} }));
const url = t.intygstjanst.endpoints.sickLeavePage.replace('{personnummer}', '191212121212');
console.log(url, t.intygstjanst.url);
try { const r = await fetch(url); console.log(r.status, (await r.text()).slice(0, 300)); } catch (e) { console.log('ERR', e.cause ?? e); }
try { const r2 = await fetch(t.intygstjanst.endpoints.certificatesApi); console.log(r2.status, (await r2.text()).slice(0, 200)); } catch (e) { console.log('ERR2', e.cause ?? e); }
const { chromium } = await import("@playwright/test"); const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] }); const p = await b.newPage(); const resp = await p.goto(url, { timeout: 10000 }).catch(e => e.message); console.log("browser", typeof resp === "string" ? resp : resp.status()); await b.close();
await t.stop();
