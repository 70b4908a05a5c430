// Allure 3's "awesome" report plugin, made offline: the report is evidence from a test session
// and must not call out when it is opened. @allurereport/plugin-awesome 3.18.0 always adds a
// Google Tag Manager script to index.html (`analyticsEnable: true` in its template, no option),
// so this plugin wraps it and cleans index.html as the plugin writes it. Because it is named in
// the session's allurerc.mjs, every build is offline: `samverkan run`, and a rebuild by hand with
// `allure generate … --config allurerc.mjs`.
//
// Plain JavaScript on purpose: Allure imports it with Node's own `import`, without ts-node.
// The cleaning itself is `offlineHtml` (exported for harness/session/allureReport.ts and tests).
import AwesomePlugin from '@allurereport/plugin-awesome';

/** `<script …src="http(s)://…">…</script>`: a script loaded from elsewhere. */
const REMOTE_SCRIPT = /\s*<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^>]*>[\s\S]*?<\/script>/gi;
/** `<link …href="http(s)://…">`: a style sheet, font or preconnect from elsewhere. */
const REMOTE_LINK = /\s*<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi;
/** The inline Google Analytics set-up that goes with the tag manager script. */
const ANALYTICS_SETUP = /\s*<script>(?:(?!<\/script>)[\s\S])*?\bgtag\((?:(?!<\/script>)[\s\S])*?<\/script>/gi;

/**
 * index.html without scripts, style sheets or fonts loaded from another host, and without the
 * analytics set-up; `lang` set to the report's language; the ring's percentage counting skips.
 */
export function offlineHtml(html, language) {
  let cleaned = html.replace(REMOTE_SCRIPT, '').replace(REMOTE_LINK, '').replace(ANALYTICS_SETUP, '');
  if (language) cleaned = cleaned.replace(/<html\b([^>]*)\blang="[^"]*"/i, `<html$1lang="${language}"`);
  return skipsCounted(cleaned);
}

/** One embedded data file of a single-file report: `d("widgets/pie_chart.json","<base64 JSON>")`. */
const EMBEDDED = /d\("((?:[^"\\]|\\.)*?)pie_chart\.json","([A-Za-z0-9+/=]*)"\)/g;

/**
 * The awesome report's ring shows passed / (passed + failed + broken): a run with skipped cases
 * shows 100 %. Evidence must never count a skip as a pass, so each embedded `pie_chart.json` gets
 * the percentage of passed among all cases, skipped and unknown included (from the
 * `statistic.json` beside it). Data files it cannot read are left as they are.
 */
export function skipsCounted(html) {
  return html.replace(EMBEDDED, (whole, prefix, pieBase64) => {
    try {
      const statistic = embeddedJson(html, `${prefix}statistic.json`);
      if (!statistic || !statistic.total) return whole;
      const pie = JSON.parse(Buffer.from(pieBase64, 'base64').toString('utf8'));
      pie.percentage = Math.floor(((statistic.passed ?? 0) / statistic.total) * 10000) / 100;
      return `d(${JSON.stringify(`${prefix}pie_chart.json`)},${JSON.stringify(Buffer.from(JSON.stringify(pie), 'utf8').toString('base64'))})`;
    } catch {
      return whole;
    }
  });
}

function embeddedJson(html, name) {
  const at = html.indexOf(`d(${JSON.stringify(name)},"`);
  if (at < 0) return undefined;
  const start = at + `d(${JSON.stringify(name)},"`.length;
  return JSON.parse(Buffer.from(html.slice(start, html.indexOf('"', start)), 'base64').toString('utf8'));
}

/** The awesome plugin, writing an offline index.html. */
export default class OfflineAwesomePlugin extends AwesomePlugin {
  constructor(options = {}, context) {
    super(options, context);
    const language = options.reportLanguage;
    // The awesome plugin defines its hooks as instance properties: wrap those.
    for (const hook of ['start', 'update', 'done']) {
      const original = this[hook];
      if (typeof original !== 'function') continue;
      this[hook] = (pluginContext, ...rest) => original.call(this, withOfflineIndex(pluginContext, language), ...rest);
    }
  }
}

/** The plugin context with a `reportFiles` that cleans index.html on its way to disk. */
function withOfflineIndex(pluginContext, language) {
  if (!pluginContext?.reportFiles) return pluginContext;
  const files = pluginContext.reportFiles;
  const reportFiles = new Proxy(files, {
    get(target, property) {
      if (property === 'addFile') {
        return (path, data, ...rest) => {
          if (String(path).replace(/^\.?\//, '') !== 'index.html') return target.addFile(path, data, ...rest);
          return target.addFile(path, Buffer.from(offlineHtml(Buffer.from(data).toString('utf8'), language), 'utf8'), ...rest);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...pluginContext, reportFiles };
}
