/** `samverkan matrix`: the forum's two status tables regenerated from every stored session. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';

interface MatrixArgs {
  'sessions-dir'?: string;
  data?: string;
  out?: string;
}

export function matrixCommand(setExit: (code: number) => void): CommandModule<object, MatrixArgs> {
  return {
    command: 'matrix',
    describe: "Regenerate the user forum's tables 'Leverantörsgrupp / Tester utförda' and 'Region/agent / Produktion' from the stored sessions (Markdown and HTML)",
    builder: (y) =>
      y
        .option('sessions-dir', { type: 'string', describe: 'Folder of the sessions (default reports/out/sessions, or SAMVERKAN_SESSIONS_DIR)' })
        .option('data', { type: 'string', describe: 'Folder with the data files (default data/)' })
        .option('out', { type: 'string', describe: 'Where matris.md and matris.html go (default reports/out/matris)' }),
    handler: async (a) => {
      const { renderMatrixHtml, renderMatrixMarkdown } = await import('../../reports/matrix/statusMatrix.js');
      const { loadReferenceData } = await import('../sessions/data/referenceData.js');
      const { matrixFromSessions } = await import('../sessions/matrix/matrixFromSessions.js');
      const { readSessions, sessionsRoot } = await import('../sessions/store/sessionFolders.js');
      const data = loadReferenceData(a.data);
      const matrix = matrixFromSessions(data, readSessions(sessionsRoot(a['sessions-dir'])));
      const out = resolve(a.out ?? fileURLToPath(new URL('../../reports/out/matris', import.meta.url)));
      await mkdir(out, { recursive: true });
      const markdown = renderMatrixMarkdown(matrix);
      await writeFile(join(out, 'matris.md'), markdown);
      await writeFile(join(out, 'matris.html'), renderMatrixHtml(matrix));
      console.log(markdown);
      console.log(`samverkan: ${join(out, 'matris.md')}\nsamverkan: ${join(out, 'matris.html')}`);
      setExit(0);
    },
  };
}
