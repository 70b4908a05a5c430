/**
 * XML Schema validation in this process with the real libxml2 (compiled to WebAssembly,
 * `libxml2-wasm`): an XSD is read and compiled once, then validates any number of documents from
 * memory. This replaces one `xmllint --schema` child process per document, whose cost was the
 * fork of a large Node process (0.1–0.3 s), not libxml2 (docs/decisions/0030).
 *
 * Compiled schemas are kept in a bounded memo keyed by the XSD's path (or a caller's key for schemas
 * held in memory); a schema from disk is compiled again when any file it was compiled from (the
 * main XSD or one it includes or imports) changed its modification time or size, or is gone: a memo
 * of pure files, not state of any party, so it
 * lives at module level like a compiled regular expression. Includes and imports resolve from
 * disk (only `.xsd` files, relative to the including XSD) or from the in-memory set the schema was
 * given; nothing is ever fetched from the network (libxml2 here has no network access at all).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ParseOption,
  XmlDocument,
  XmlLibError,
  XmlParseError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
  type XmlInputProvider,
} from 'libxml2-wasm';

/** A verdict: `errors` holds libxml2's messages, in xmllint's wording, when not valid. */
export interface XsdVerdict {
  valid: boolean;
  errors: string[];
}

/** An XSD held in memory, with the files its includes/imports name (by the name they use). */
export interface XsdSources {
  /** Identifies the set in the memo: same key, same texts. */
  key: string;
  /** File name of the main XSD, as the others would refer to it. */
  main: string;
  /** Texts by file name (the main one included). */
  files: Readonly<Record<string, string>>;
}

/** Compiled schemas kept at once; the oldest is released first. A project uses a dozen or so. */
const MAX_COMPILED = 32;

/** Options for parsing an XSD: its internal DTD entities expanded (as libxml2 does for imports), nothing external. */
const XSD_PARSE = ParseOption.XML_PARSE_NOENT | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NONET;
/** Options for parsing a validated document: as `xmllint --nonet`, no entity expansion, no DTD loading. */
const DOCUMENT_PARSE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

/** Folder under which in-memory XSD files appear to libxml2 (never a real path). */
const MEMORY_ROOT = '/.samverkan-in-memory-xsd';

/** A file on disk as it was when read: modification time and size, or `gone`. */
type FileStamp = string;

/** A compiled schema with the files on disk it was compiled from (none for one held in memory). */
interface CompiledSchema {
  validator: XsdValidator;
  readFiles: ReadonlyMap<string, FileStamp>;
}

const compiled = new Map<string, CompiledSchema>();
/** The files on disk read by the compilation under way (libxml2 compiles synchronously). */
let filesBeingRead: Map<string, FileStamp> | undefined;
const inMemoryFiles = new Map<string, Uint8Array>();
let providerRegistered = false;

/**
 * Validates `xml` (a whole document) against the XSD file at `xsdPath`, compiled once per process
 * (again when it or an XSD it includes or imports changed on disk).
 * @throws Error when the XSD does not exist or does not compile (with libxml2's reasons): problems
 *   of the set-up, not of the document.
 */
export function validateAgainstXsdFile(xml: string, xsdPath: string): XsdVerdict {
  const path = resolve(xsdPath);
  if (!existsSync(path)) {
    throw new Error(`XSD not found at ${xsdPath}: check the schema root (SAMVERKAN_SCHEMAS).`);
  }
  const validator = compiledFor(`file\0${path}`, () => compile(path, xsdPath));
  return validateWith(validator, xml);
}

/**
 * Validates `xml` against an XSD held in memory (for schemas a package ships as strings), compiled
 * once per `sources.key`.
 * @throws Error when the XSD does not compile.
 */
export function validateAgainstXsdSources(xml: string, sources: XsdSources): XsdVerdict {
  const validator = compiledFor(`memory\0${sources.key}`, () => {
    const folder = `${MEMORY_ROOT}/${encodeURIComponent(sources.key)}`;
    for (const [name, text] of Object.entries(sources.files)) {
      inMemoryFiles.set(`${folder}/${name}`, new TextEncoder().encode(text));
    }
    return compile(`${folder}/${sources.main}`, `${sources.main} (${sources.key})`);
  });
  return validateWith(validator, xml);
}

function compiledFor(key: string, make: () => XsdValidator): XsdValidator {
  const known = compiled.get(key);
  if (known) {
    compiled.delete(key);
    if (unchangedOnDisk(known.readFiles)) {
      compiled.set(key, known);
      return known.validator;
    }
    known.validator.dispose();
  }
  const readFiles = new Map<string, FileStamp>();
  filesBeingRead = readFiles;
  let validator: XsdValidator;
  try {
    validator = make();
  } finally {
    filesBeingRead = undefined;
  }
  if (compiled.size >= MAX_COMPILED) {
    const [oldestKey, oldest] = compiled.entries().next().value as [string, CompiledSchema];
    compiled.delete(oldestKey);
    oldest.validator.dispose();
  }
  compiled.set(key, { validator, readFiles });
  return validator;
}

function stampOf(path: string): FileStamp {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'gone';
  }
}

function unchangedOnDisk(readFiles: ReadonlyMap<string, FileStamp>): boolean {
  for (const [path, stamp] of readFiles) if (stampOf(path) !== stamp) return false;
  return true;
}

function compile(path: string, shownAs: string): XsdValidator {
  registerSchemaFiles();
  let schemaDoc: XmlDocument | undefined;
  try {
    const bytes = readSchemaFile(path);
    if (!bytes) throw new Error(`cannot read ${path}`);
    schemaDoc = XmlDocument.fromBuffer(bytes, { url: path, option: XSD_PARSE });
    return XsdValidator.fromDoc(schemaDoc);
  } catch (e) {
    const details = e instanceof XmlLibError ? e.details.map((d) => `${d.file ?? shownAs}:${d.line}: ${d.message.trim()}`) : [];
    throw new Error(
      `The XSD ${shownAs} does not compile with libxml2: ${details.length > 0 ? details.join(' | ') : (e as Error).message}. ` +
        'Check that the schema copy is complete (every include/import beside it).',
    );
  } finally {
    schemaDoc?.dispose();
  }
}

function validateWith(validator: XsdValidator, xml: string): XsdVerdict {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { option: DOCUMENT_PARSE });
  } catch (e) {
    if (e instanceof XmlParseError) return { valid: false, errors: asMessages(e.details, 'parser error', e.message) };
    throw e;
  }
  try {
    validator.validate(doc);
    return { valid: true, errors: [] };
  } catch (e) {
    if (e instanceof XmlLibError) return { valid: false, errors: asMessages(e.details, 'Schemas validity error', e.message) };
    throw e;
  } finally {
    doc.dispose();
  }
}

/** libxml2's messages as xmllint prints them for a document on stdin: `-:line: element name: kind : message`. */
function asMessages(details: readonly ErrorDetail[], kind: string, fallback: string): string[] {
  const messages = details
    .filter((d) => d.level >= 2)
    .map((d) => {
      const element = d.xpath ? lastElementName(d.xpath) : undefined;
      return `-:${d.line}: ${element ? `element ${element}: ` : ''}${kind} : ${d.message.trim()}`;
    });
  return messages.length > 0 ? messages : [`-: ${kind} : ${fallback.trim()}`];
}

function lastElementName(xpath: string): string | undefined {
  const step = xpath.split('/').pop() ?? '';
  const name = step.replace(/\[.*$/, '').replace(/^.*:/, '');
  return name === '' || name.startsWith('@') ? undefined : name;
}

function readSchemaFile(path: string): Uint8Array | undefined {
  const inMemory = inMemoryFiles.get(path);
  if (inMemory) return inMemory;
  return schemaFileProvider.match(path) ? readFileBytes(path) : undefined;
}

/** Reads a schema file from disk, noting it (stamped before the read) for the compilation under way. */
function readFileBytes(path: string): Uint8Array | undefined {
  if (filesBeingRead && !filesBeingRead.has(path)) filesBeingRead.set(path, stampOf(path));
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    return undefined;
  }
}

function toPath(name: string): string | undefined {
  if (name.startsWith('file:')) {
    try {
      return fileURLToPath(name);
    } catch {
      return undefined;
    }
  }
  return name.startsWith('/') ? name : undefined;
}

/** Open files of the provider: libxml2 reads a handle in chunks, then closes it. */
const openFiles = new Map<number, { bytes: Uint8Array; at: number }>();
let nextHandle = 1;

/**
 * What libxml2 may read: XSD files (`.xsd`) by absolute path or file URL, on disk or in memory.
 * Anything else (http, a DTD, a document's external entity) is not matched, so it is not read.
 */
const schemaFileProvider: XmlInputProvider = {
  match(name) {
    const path = toPath(name);
    if (path === undefined || !path.toLowerCase().endsWith('.xsd')) return false;
    return inMemoryFiles.has(path) || existsSync(path);
  },
  open(name) {
    const path = toPath(name);
    const bytes = path === undefined ? undefined : (inMemoryFiles.get(path) ?? readFileBytes(path));
    if (!bytes) return undefined;
    const handle = nextHandle++;
    openFiles.set(handle, { bytes, at: 0 });
    return handle;
  },
  read(handle, buf) {
    const file = openFiles.get(handle);
    if (!file) return -1;
    const n = Math.min(buf.byteLength, file.bytes.byteLength - file.at);
    buf.set(file.bytes.subarray(file.at, file.at + n));
    file.at += n;
    return n;
  },
  close(handle) {
    return openFiles.delete(handle);
  },
};

function registerSchemaFiles(): void {
  if (providerRegistered) return;
  if (!xmlRegisterInputProvider(schemaFileProvider)) {
    throw new Error('libxml2 (libxml2-wasm) refused the schema file reader: XSD includes/imports cannot be resolved.');
  }
  providerRegistered = true;
}
