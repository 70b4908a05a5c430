/** `samverkan run`: the main job — scenarios on the embedded topology, then the session report. */
import type { CommandModule } from 'yargs';

interface RunArgs {
  grep?: string;
  project: string[];
  out?: string;
}

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run the reference scenarios on the embedded all-simulated topology and write the Allure report and summary under reports/out/<time>/',
    builder: (y) =>
      y
        .option('grep', { type: 'string', describe: 'Only scenarios whose title or tag matches, e.g. @status-resend' })
        .option('project', { type: 'string', array: true, default: ['scenarios'], describe: 'What to run: the reference suite (scenarios), one part of it (flows, incidents), or another Playwright project (unit)' })
        .option('out', { type: 'string', describe: 'Folder for session folders (default reports/out)' })
        .example('$0 run', 'the whole reference suite')
        .example('$0 run --grep @status-resend', 'only status updates and their resends'),
    handler: async (args) => {
      const { runMainJob } = await import('../session/mainJob.js');
      const result = await runMainJob({ grep: args.grep, projects: args.project, outRoot: args.out, log: (line) => console.log(line) });
      setExit(result.exitCode);
    },
  };
}
