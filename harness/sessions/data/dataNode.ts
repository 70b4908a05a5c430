/**
 * Reading a data file a person edits: each value is checked where it stands, and a wrong one is
 * refused with the file, the line, what was found and the valid choices.
 */
import { readFileSync } from 'node:fs';
import { JsonSyntaxError, parseJsonWithLines, type LocatedJson } from './jsonWithLines.js';

/** A data file that cannot be used: which file, which line, what is wrong and what would be right. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
    readonly choices: readonly string[] = [],
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}${choices.length ? `; valid choices: ${choices.join(', ')}` : ''}`);
  }
}

type Path = ReadonlyArray<string | number>;

/** One value of a data file, with its place, for checked reading. */
export class DataNode {
  constructor(
    private readonly doc: LocatedJson,
    /** The file name shown in errors. */
    readonly file: string,
    readonly path: Path,
    readonly value: unknown,
  ) {}

  /** The line this value starts on. */
  get line(): number {
    return this.doc.positionOf(this.path).line;
  }

  /** `vendorGroups[3].profile.eidAppPackage` */
  get name(): string {
    return this.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || 'the document';
  }

  /** Refuses this value. */
  fail(detail: string, choices: readonly string[] = []): never {
    throw new DataFileError(this.file, this.line, detail, choices);
  }

  /**
   * An object with exactly these keys (optional ones may be missing); an unknown key is refused by
   * name (a typo must not be silently ignored). `comment` is always allowed, for notes.
   */
  object<R extends string, O extends string = never>(required: readonly R[], optional: readonly O[] = []): Record<R, DataNode> & Partial<Record<O, DataNode>> {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`${this.name} must be an object ({ … }), found ${kindOf(v)}`);
    const known = [...required, ...optional, 'comment'];
    const out: Record<string, DataNode> = {};
    for (const key of Object.keys(v as object)) {
      const child = this.child(key);
      if (!known.includes(key)) child.fail(`unknown key "${key}" in ${this.name}`, known);
      out[key] = child;
    }
    for (const key of required) if (!(key in out)) this.fail(`${this.name} lacks the key "${key}"`);
    return out as Record<R, DataNode> & Partial<Record<O, DataNode>>;
  }

  /** The entries of an object whose keys are names (e.g. region ids), in file order. */
  entries(): Array<[string, DataNode]> {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`${this.name} must be an object ({ … }), found ${kindOf(v)}`);
    return Object.keys(v as object).map((k) => [k, this.child(k)]);
  }

  list(options: { nonEmpty?: boolean } = {}): DataNode[] {
    if (!Array.isArray(this.value)) this.fail(`${this.name} must be a list ([ … ]), found ${kindOf(this.value)}`);
    const items = this.value as unknown[];
    if (options.nonEmpty && items.length === 0) this.fail(`${this.name} must not be empty`);
    return items.map((_, i) => this.child(i));
  }

  string(options: { choices?: readonly string[]; pattern?: RegExp; hint?: string; allowEmpty?: boolean } = {}): string {
    const v = this.value;
    if (typeof v !== 'string') this.fail(`${this.name} must be a string in double quotes, found ${kindOf(v)}`, options.choices);
    const s = v as string;
    if (options.choices && !options.choices.includes(s)) this.fail(`${this.name} is "${s}", which is not one of the valid choices`, options.choices);
    if (!options.allowEmpty && !options.choices && s.trim() === '') this.fail(`${this.name} must not be empty`);
    if (options.pattern && !options.pattern.test(s)) this.fail(`${this.name} is "${s}"; ${options.hint ?? `it must match ${options.pattern}`}`);
    return s;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`${this.name} must be true or false, found ${kindOf(this.value)}`);
    return this.value as boolean;
  }

  /** A whole number ≥ min, or null (an empty cell) when `nullable`. */
  integer(options: { min?: number; max?: number } = {}): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(`${this.name} must be a whole number, found ${kindOf(v)}`);
    const n = v as number;
    if (options.min !== undefined && n < options.min) this.fail(`${this.name} is ${n}; it must be at least ${options.min}`);
    if (options.max !== undefined && n > options.max) this.fail(`${this.name} is ${n}; it must be at most ${options.max}`);
    return n;
  }

  isNull(): boolean {
    return this.value === null;
  }

  child(key: string | number): DataNode {
    const v = this.value as Record<string | number, unknown>;
    return new DataNode(this.doc, this.file, [...this.path, key], v?.[key]);
  }
}

/** Reads `path` as JSON; `shownAs` is the name used in errors (e.g. `data/regions.json`). */
export function readDataFile(path: string, shownAs = path): DataNode {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(shownAs, 0, code === 'ENOENT' ? 'the file is missing (restore it from git, or point --data at a folder that has it)' : `cannot be read: ${(error as Error).message}`);
  }
  let doc: LocatedJson;
  try {
    doc = parseJsonWithLines(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new DataFileError(shownAs, error.position.line, `not valid JSON: ${error.reason} (column ${error.position.column})`);
    throw error;
  }
  return new DataNode(doc, shownAs, [], doc.value);
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
