import { describeErrors, escapePointer, OpenApiDescription } from './openapi-description';

type Json = Record<string, unknown>;

export interface RequestToCheck {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
  contentType: string | undefined;
}

/**
 * One operation of a description (method + path template), able to say how a request or a response
 * departs from it. Each check returns readable lines; an empty list means "as documented".
 */
export class OpenApiOperation {
  private readonly pointer: string;
  private readonly operation: Json;

  constructor(
    private readonly description: OpenApiDescription,
    method: string,
    readonly template: string,
  ) {
    this.pointer = `/paths/${escapePointer(template)}/${method.toLowerCase()}`;
    this.operation = description.resolve(this.pointer);
    if (!this.operation) throw new Error(`the description has no ${method} ${template}`);
  }

  get id(): string {
    return String(this.operation.operationId);
  }

  checkRequest(request: RequestToCheck): string[] {
    return [
      ...this.checkParameters('path', request.pathParams),
      ...this.checkParameters('query', request.query),
      ...this.checkBody(request),
    ].map((line) => `${this.id} request: ${line}`);
  }

  /** Checks a JSON response against what the operation documents for that status. */
  checkResponse(status: number, body: unknown): string[] {
    const responses = this.operation.responses as Json;
    const key = String(status) in responses ? String(status) : 'default' in responses ? 'default' : null;
    if (!key) return [`${this.id} response: status ${status} is not documented`];
    const response = this.description.resolve(`${this.pointer}/responses/${key}`);
    const content = response.content as Json | undefined;
    if (!content?.['application/json']) return [];
    const at = this.responseSchemaPointer(key);
    const validate = this.description.schemaAt(at);
    return validate(body) ? [] : describeErrors(validate.errors).map((l) => `${this.id} response ${status}: ${l}`);
  }

  /**
   * Checks an error GitHub may send on any route (rate limits, 5xx, 401, a 422 the operation does
   * not list) against GitHub's generic error schemas.
   */
  checkGenericError(status: number, body: unknown): string[] {
    const schema = status === 422 ? 'validation-error' : 'basic-error';
    const validate = this.description.schemaAt(`/components/schemas/${schema}`);
    return validate(body) ? [] : describeErrors(validate.errors).map((l) => `${this.id} ${schema}: ${l}`);
  }

  /** Where the JSON schema of a documented response lives, after the response's own `$ref`. */
  private responseSchemaPointer(key: string): string {
    const raw = this.description.document;
    let pointer = `${this.pointer}/responses/${key}`;
    const ref = pointAt(raw, pointer).$ref;
    if (typeof ref === 'string') pointer = ref.slice(1);
    return `${pointer}/content/application~1json/schema`;
  }

  private checkParameters(location: 'path' | 'query', values: Record<string, string>): string[] {
    const declared = ((this.operation.parameters as Json[] | undefined) ?? [])
      .map((_, index) => {
        let pointer = `${this.pointer}/parameters/${index}`;
        const ref = pointAt(this.description.document, pointer).$ref;
        if (typeof ref === 'string') pointer = ref.slice(1);
        return { pointer, parameter: pointAt(this.description.document, pointer) };
      })
      .filter(({ parameter }) => parameter.in === location)
      .map(({ pointer, parameter }) => ({
        name: String(parameter.name),
        pointer: `${pointer}/schema`,
        required: parameter.required === true,
      }));
    // Query parameters the description does not know are a client's mistake; GitHub ignores them silently.
    const validate = this.description.parametersValidator(`${this.pointer} ${location}`, declared, false);
    const copy = { ...values };
    return validate(copy) ? [] : describeErrors(validate.errors).map((l) => `${location} ${l}`);
  }

  private checkBody(request: RequestToCheck): string[] {
    const requestBody = this.operation.requestBody as Json | undefined;
    if (!requestBody) return request.body === undefined ? [] : ['the operation takes no body, one was sent'];
    const body = this.description.resolve(`${this.pointer}/requestBody`);
    if (request.body === undefined) return body.required === true ? ['the required JSON body is missing'] : [];
    if (!request.contentType?.startsWith('application/json'))
      return [`the body was sent as ${request.contentType ?? 'no content type'}, not application/json`];
    let pointer = `${this.pointer}/requestBody`;
    const ref = pointAt(this.description.document, pointer).$ref;
    if (typeof ref === 'string') pointer = ref.slice(1);
    const validate = this.description.schemaAt(`${pointer}/content/application~1json/schema`);
    return validate(request.body) ? [] : describeErrors(validate.errors).map((l) => `body ${l}`);
  }
}

function pointAt(document: Json, pointer: string): Json {
  let value: unknown = document;
  for (const part of pointer.split('/').slice(1)) value = (value as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value as Json;
}
