import { z } from 'zod';

/**
 * A copy of a zod schema whose objects refuse keys they do not describe, all the way down.
 * jira.js builds its schemas loose on purpose (a client must survive fields Jira adds); a fake
 * Jira must not invent fields, nor accept requests the specification does not describe.
 */
export function deepStrict<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>> {
  return strictCopy(schema) as z.ZodType<z.output<T>>;
}

function strictCopy(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as z.ZodObject).shape;
      return z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictCopy(value)])));
    }
    case 'optional':
      return strictCopy(def.innerType as z.ZodType).optional();
    case 'nullable':
      return strictCopy(def.innerType as z.ZodType).nullable();
    case 'array':
      return z.array(strictCopy(def.element as z.ZodType));
    case 'union':
      return z.union((def.options as z.ZodType[]).map(strictCopy) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    default:
      return schema;
  }
}

/** A zod failure as one readable line per problem: `fields.labels[0]: expected string`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * A value must satisfy every schema; the value itself passes through unchanged. Unlike zod's
 * intersection, a key one schema refuses stays refused, and coercions (dates) do not clash.
 */
export function allOf<T>(first: z.ZodType<T>, ...rest: z.ZodType[]): z.ZodType<T> {
  return z.unknown().superRefine((value, ctx) => {
    for (const schema of [first, ...rest]) {
      const result = schema.safeParse(value);
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: value } as never);
    }
  }) as unknown as z.ZodType<T>;
}
