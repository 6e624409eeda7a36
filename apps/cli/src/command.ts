/**
 * What a command is: its words, its options (parsed by Node's own `util.parseArgs`, described
 * once for both parsing and `--help`), and a `run` that returns its answer twice, as JSON for
 * `--json` and as text for people. main.ts prints exactly one of the two, so `--json` output is
 * never mixed with anything else.
 */
import type { Connection } from './connection.ts';
import type { CliEnv } from './env.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in help: `--from DATE`. */
  value?: string;
  help: string;
}

export type Options = Record<string, OptionSpec>;

/** The parsed values of a command's options, typed from their specs. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string;
};

export interface Output {
  json: unknown;
  text: string;
}

export interface RunContext<O extends Options> {
  values: Values<O>;
  /** The command's one argument (`outlay import FILE`), when it declares one; main checks it is there. */
  argument?: string;
  env: CliEnv;
  configFile: string;
  /**
   * The server and token from the environment or the stored login (exit 3 when there is none),
   * resolved once. Call it after checking the options, so a usage error needs no login.
   */
  connect: () => Promise<Connection>;
  stdin: NodeJS.ReadStream;
  /** For prompts and progress: stdout carries only the answer. */
  stderr: NodeJS.WriteStream;
}

export interface Command<O extends Options = Options> {
  /** The words after `outlay`: `summary`, `tx list`. */
  name: string;
  /** One line for `outlay --help`. */
  summary: string;
  /** More, for `outlay <command> --help`. */
  description?: string;
  options: O;
  /** One required argument after the command's words, like the file of `outlay import FILE`. */
  argument?: { value: string; help: string };
  run(context: RunContext<O>): Promise<Output>;
}

/** Keeps the option types of one command while collecting commands of different shapes. */
export function defineCommand<O extends Options>(command: Command<O>): Command<O> {
  return command;
}

/** Every command takes these. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', help: 'print the answer as JSON on stdout, and nothing else' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies Options;

function optionLines(options: Options): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.multiple ? `${spec.help} (repeatable)` : spec.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

export function commandHelp(command: Command): string {
  return [
    `Usage: outlay ${command.name}${command.argument ? ` ${command.argument.value}` : ''} [options]`,
    '',
    command.description ?? command.summary,
    ...(command.argument ? ['', `  ${command.argument.value}  ${command.argument.help}`] : []),
    '',
    'Options:',
    ...optionLines({ ...command.options, ...COMMON_OPTIONS }),
  ].join('\n');
}
