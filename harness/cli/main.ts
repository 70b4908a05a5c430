/**
 * The `samverkan` command line (yargs): `up` starts the embedded topology, `run` is the main job
 * (scenarios + report), `schedule` prints a redelivery profile or checks observed attempts,
 * `bench` measures the journal receiver, `conformance` runs the journal-system conformance suite,
 * `session` runs a samverkanstest, `matrix` regenerates the forum's status tables, `incident` reproduces
 * a known incident, `load` replays a month of the forum's statistics. Each command loads its modules only when it runs.
 */
import yargs from 'yargs';
import { benchCommand } from './benchCommand.js';
import { runCommand } from './runCommand.js';
import { scheduleCommand } from './scheduleCommand.js';
import { upCommand } from './upCommand.js';
import { cardCommand } from './cardCommand.js';
import { conformanceCommand } from './conformanceCommand.js';
import { sessionCommand } from './sessionCommand.js';
import { matrixCommand } from './matrixCommand.js';
import { incidentCommand } from './incidentCommand.js';
import { loadCommand } from './loadCommand.js';

/** A command line that yargs refused (unknown command, missing option): help was printed. */
class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    await cli(argv, setExit);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`\nsamverkan: ${error.message}`);
      return 2;
    }
    // A refusal or a failed step: say what and why (the message says what to do), no stack trace.
    console.error(`samverkan: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.SAMVERKAN_DEBUG) console.error(error);
    return 1;
  }
  return exitCode;
}

async function cli(argv: string[], setExit: (code: number) => void): Promise<void> {
  await yargs(argv)
    .scriptName('samverkan')
    .usage('$0 <command> [options]\n\nTest harness and integration simulator for Webcert.')
    .command(upCommand(setExit))
    .command(runCommand(setExit))
    .command(scheduleCommand(setExit))
    .command(benchCommand(setExit))
    .command(cardCommand(setExit))
    .command(conformanceCommand(setExit))
    .command(sessionCommand(setExit))
    .command(matrixCommand(setExit))
    .command(incidentCommand(setExit))
    .command(loadCommand(setExit))
    .demandCommand(1, 'Name a command: up, run, session, matrix, incident, load, conformance, schedule, bench or card (see --help).')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error, y) => {
      if (error) throw error;
      y.showHelp('error');
      // Throwing stops yargs from running the command after a refusal.
      throw new UsageError(message);
    })
    .parseAsync();
}
