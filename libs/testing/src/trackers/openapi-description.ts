import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under ESM its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

/** The id under which a description is known to ajv; every `#/components/...` resolves against it. */
const DOCUMENT_ID = 'openapi-description';

/** How long the first load of each description took, for the record (see docs in the server). */
export const descriptionLoadTimes: Record<string, number> = {};

/**
 * One OpenAPI 3.0 description, parsed once per process (per jest test file: jest gives each file
 * its own module registry) and compiled one schema at a time, only for the locations asked about.
 * The un-dereferenced file is used: it parses about five times faster than the `.deref.json`
 * twin (≈0.25 s against ≈1.2 s for api.github.com's 13 MB), and ajv resolves its `$ref`s itself.
 */
export class OpenApiDescription {
  private static readonly loaded = new Map<string, OpenApiDescription>();

  /** Validates data as sent (JSON bodies): no coercion, so a number sent as a string is caught. */
  private readonly strict: Ajv;
  /** Validates path and query parameters, which arrive as text. */
  private readonly coercing: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(readonly document: Json) {
    this.strict = OpenApiDescription.ajv(false);
    this.coercing = OpenApiDescription.ajv(true);
    this.strict.addSchema(document, DOCUMENT_ID);
    this.coercing.addSchema(document, DOCUMENT_ID);
  }

  /**
   * The description in `file`, parsed and prepared once per process. With `paths`, only those path
   * templates are kept (plus every component but the examples): ajv walks the whole document it is
   * given, and the unused two thirds of GitHub's would cost more than the parse.
   */
  static load(file: string, paths?: string[]): OpenApiDescription {
    const key = `${file} ${paths?.join(' ') ?? '*'}`;
    let description = this.loaded.get(key);
    if (!description) {
      const started = performance.now();
      const whole = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const document = paths ? slim(whole, paths) : whole;
      nullableToJsonSchema(document);
      description = new OpenApiDescription(document);
      descriptionLoadTimes[file.split('/').pop()!] = Math.round(performance.now() - started);
      this.loaded.set(key, description);
    }
    return description;
  }

  private static ajv(coerceTypes: boolean): Ajv {
    // strict: false because OpenAPI adds keywords JSON Schema lacks (example, discriminator, x-*).
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, coerceTypes });
    addFormats(ajv);
    return ajv;
  }

  /** The value at a JSON pointer, following one `$ref` if the value is one (parameters, responses). */
  resolve(pointer: string): Json {
    let value: unknown = this.document;
    for (const part of pointer.split('/').slice(1)) value = (value as Json)[unescapePointer(part)];
    const ref = (value as Json | undefined)?.$ref;
    return typeof ref === 'string' ? this.resolve(ref.slice(1)) : (value as Json);
  }

  /** A validator for the schema at `pointer` (a location in the description). */
  schemaAt(pointer: string): ValidateFunction {
    return this.compile(`strict ${pointer}`, this.strict, { $ref: `${DOCUMENT_ID}#${encodePointer(pointer)}` });
  }

  /** A validator of text values (path or query parameters) against the schemas they point at. */
  parametersValidator(
    key: string,
    parameters: Array<{ name: string; pointer: string; required: boolean }>,
    allowOthers: boolean,
  ): ValidateFunction {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(
        parameters.map((p) => [p.name, { $ref: `${DOCUMENT_ID}#${encodePointer(p.pointer)}` }]),
      ),
      required: parameters.filter((p) => p.required).map((p) => p.name),
      additionalProperties: allowOthers,
    };
    return this.compile(`params ${key}`, this.coercing, schema);
  }

  private compile(key: string, ajv: Ajv, schema: object): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function slim(document: Json, paths: string[]): Json {
  const allPaths = document.paths as Json;
  const { examples: _examples, ...components } = document.components as Json;
  return {
    openapi: document.openapi,
    paths: Object.fromEntries(paths.filter((p) => p in allPaths).map((p) => [p, allPaths[p]])),
    components,
  };
}

/** Readable lines for ajv's errors, at most a few (a oneOf miss produces dozens). */
export function describeErrors(errors: ErrorObject[] | null | undefined, limit = 5): string[] {
  return (errors ?? []).slice(0, limit).map((e) => {
    const extra = 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
    const allowed = 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
    return `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${extra}${allowed}`;
  });
}

/** Encodes an (already JSON-pointer-escaped) pointer as a URI fragment, the way ajv reads it back. */
function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * OpenAPI 3.0's `nullable: true` rewritten as JSON Schema, in place. Ajv understands `nullable`
 * only beside `type` and does not add null to an `enum`, while GitHub's description puts it beside
 * `oneOf`/`allOf` and on enums (an open issue's `state_reason` is null).
 */
function nullableToJsonSchema(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) nullableToJsonSchema(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const object = node as Json;
  for (const [key, value] of Object.entries(object)) {
    if (key === 'example' || key === 'examples') continue;
    nullableToJsonSchema(value);
  }
  if (object.nullable === true) {
    const { nullable: _nullable, description, ...rest } = object;
    for (const key of Object.keys(object)) delete object[key];
    Object.assign(object, { anyOf: [rest, { type: 'null' }] }, description === undefined ? {} : { description });
  }
}
