/** `samverkan incident list|run <id>`: reproduce a known incident alone, with the report as evidence. */
import type { CommandModule } from 'yargs';
import { findIncidentPreset, INCIDENT_PRESETS } from '../incidents/incidentPresets.js';

interface IncidentArgs {
  action: string;
  id?: string;
  out?: string;
}

export function incidentCommand(setExit: (code: number) => void): CommandModule<object, IncidentArgs> {
  return {
    command: 'incident <action> [id]',
    describe: 'Known incidents to reproduce on the embedded topology: incident list, incident run <id>',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['list', 'run'], demandOption: true, describe: 'list the presets, or run one' })
        .positional('id', { type: 'string', describe: 'The preset to run (see incident list)' })
        .option('out', { type: 'string', describe: 'Folder for the report folders (default reports/out)' })
        .example('$0 incident list', 'the presets')
        .example('$0 incident run receiver-down-a-day', 'the status-update receiver down for a day'),
    handler: async (a) => {
      if (a.action === 'list') {
        for (const p of INCIDENT_PRESETS) console.log(`${p.id.padEnd(22)} ${p.title}\n${''.padEnd(22)} ${p.source}`);
        setExit(0);
        return;
      }
      if (!a.id) throw new Error(`incident run needs an id; valid choices: ${INCIDENT_PRESETS.map((p) => p.id).join(', ')}`);
      const preset = findIncidentPreset(a.id);
      console.log(`samverkan: ${preset.title}\n  ${preset.what}`);
      const { runMainJob } = await import('../session/mainJob.js');
      // The scenarios project, its files in scenarios/incidents only (harness/session/scenarioSelection.ts).
      const result = await runMainJob({ grep: preset.grep, projects: ['incidents'], outRoot: a.out, log: (line) => console.log(line) });
      if (result.passed + result.failed === 0) throw new Error(`no reproduction ran for ${preset.id}: no test in scenarios/incidents matches "${preset.grep}"`);
      console.log(`samverkan: titta efter: ${preset.lookFor}`);
      setExit(result.exitCode);
    },
  };
}
