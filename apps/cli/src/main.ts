/**
 * `outlay`: Outlay from the terminal, on @outlay/client. Finds the command in the arguments,
 * parses its options with Node's `util.parseArgs`, runs it, prints its answer (text, or JSON with
 * `--json`) on stdout and any failure in words on stderr, and exits with a code that says what
 * kind of failure it was (errors.ts).
 */
import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import {
  COMMON_OPTIONS,
  commandHelp,
  type Command,
  type Options,
  type RunContext,
} from './command.ts';
import { budgetsCommand } from './commands/budgets.ts';
import { importCommand } from './commands/import.ts';
import { loginCommand } from './commands/login.ts';
import { logoutCommand } from './commands/logout.ts';
import { summaryCommand } from './commands/summary.ts';
import { txAddCommand } from './commands/tx-add.ts';
import { txListCommand } from './commands/tx-list.ts';
import { upcomingCommand } from './commands/upcoming.ts';
import { configFile } from './config.ts';
import { connect } from './connection.ts';
import { readEnv } from './env.ts';
import { describeFailure, EXIT, usageError, type ExitCode } from './errors.ts';

/** Every command, in the order `outlay --help` lists them. */
const COMMANDS: Command[] = [
  loginCommand,
  logoutCommand,
  summaryCommand,
  txListCommand,
  txAddCommand,
  budgetsCommand,
  upcomingCommand,
  importCommand,
];

const HELP = `outlay — Outlay from the terminal (${packageJson.version})

Usage: outlay <command> [options]

Commands:
${(() => {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
})()}

Every command takes --json (the answer as JSON on stdout, nothing else) and --help.

Environment:
  OUTLAY_URL    the server, instead of the stored login's
  OUTLAY_TOKEN  an API token, instead of the stored login's
  LANG, LC_ALL  how numbers and money are written (en-US by default)

Exit codes:
  0  done
  1  failed (the server could not do it, the config file is unreadable…)
  2  wrong usage: unknown command or option, a value that cannot be right
  3  not signed in, or the token was refused
  4  not found: something named on the command line does not exist
  5  rate-limited, or the server is unreachable or unavailable: try again later

Run \`outlay <command> --help\` for a command's options.`;

/** The command the arguments name, and the arguments left for its options. */
function findCommand(args: string[]): { command: Command; rest: string[] } {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, i) => args[i] === word)) {
      return { command, rest: args.slice(words.length) };
    }
  }
  const group = COMMANDS.filter((c) => c.name.startsWith(`${args[0]} `));
  const names = group.map((c) => `outlay ${c.name}`).join(', ');
  if (group.length > 0 && args[1] === undefined) {
    throw usageError(`outlay ${args[0]} needs a subcommand: ${names}.`);
  }
  if (group.length > 0)
    throw usageError(`Unknown command "outlay ${args[0]} ${args[1]}". Try ${names}.`);
  throw usageError(`Unknown command "${args[0]}".`);
}

/**
 * `--amount -12.50` as `--amount=-12.50`: Node's parser takes a value starting with a dash for a
 * forgotten value, but no option of ours is a dash and a digit, so a negative number is a value.
 */
function negativeValuesJoined(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Node's parse errors, reworded: they suggest `--` tricks that do not apply here. */
function parseError(error: unknown): Error {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageError(`Unknown option ${option}.`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return usageError(
      message.includes('argument missing')
        ? `${option} needs a value.`
        : `${option} takes no value.`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return usageError(`Unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? ''}.`);
  }
  return usageError(message);
}

async function main(args: string[]): Promise<ExitCode> {
  const { stdout, stderr } = process;
  if (args.length === 0) {
    stderr.write(`${HELP}\n`);
    return EXIT.usage;
  }
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (args[0] === '--version') {
    stdout.write(`${packageJson.version}\n`);
    return EXIT.ok;
  }

  let command: Command | undefined;
  try {
    const found = findCommand(args);
    command = found.command;
    const options: Options = { ...command.options, ...COMMON_OPTIONS };
    let values: RunContext<Options>['values'];
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: negativeValuesJoined(found.rest, options),
        options: Object.fromEntries(
          Object.entries(options).map(([name, { type, multiple, short }]) => [
            name,
            { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
          ]),
        ),
        strict: true,
        allowPositionals: command.argument !== undefined,
      }) as { values: RunContext<Options>['values']; positionals: string[] });
    } catch (error) {
      throw parseError(error);
    }
    if (values.help) {
      stdout.write(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const [argument, extra] = positionals;
    if (command.argument && argument === undefined) {
      throw usageError(`outlay ${command.name} needs ${command.argument.value}.`);
    }
    if (extra !== undefined) throw usageError(`Unexpected argument ${extra}.`);
    const env = readEnv(process.env);
    const file = configFile(env);
    let connection: ReturnType<typeof connect> | undefined;
    const output = await command.run({
      values,
      ...(argument === undefined ? {} : { argument }),
      env,
      configFile: file,
      connect: () => (connection ??= connect(env, file)),
      stdin: process.stdin,
      stderr,
    });
    stdout.write(values.json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
    return EXIT.ok;
  } catch (error) {
    const { exitCode, message } = describeFailure(error);
    stderr.write(`outlay: ${message}\n`);
    if (exitCode === EXIT.usage) {
      stderr.write(
        command
          ? `Run \`outlay ${command.name} --help\` for its options.\n`
          : 'Run `outlay --help` for the commands.\n',
      );
    }
    return exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
