import { z } from 'zod';

/**
 * The ADF document shape as Atlassian's ADF JSON schema describes it, for the nodes a comment or
 * description of this service can hold (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 * Stricter than jira.js's DocumentSchema, which accepts any object as content.
 */
const mark = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('strong') }),
  z.strictObject({ type: z.literal('em') }),
  z.strictObject({ type: z.literal('strike') }),
  z.strictObject({ type: z.literal('underline') }),
  z.strictObject({ type: z.literal('code') }),
  z.strictObject({
    type: z.literal('link'),
    attrs: z.strictObject({ href: z.string().min(1), title: z.string().optional() }),
  }),
]);

const text = z
  .strictObject({ type: z.literal('text'), text: z.string().min(1), marks: z.array(mark).optional() })
  // The code mark combines with link only.
  .refine(
    (node) =>
      !node.marks?.some((m) => m.type === 'code') || node.marks.every((m) => m.type === 'code' || m.type === 'link'),
    {
      message: 'the code mark may only be combined with link',
    },
  );

const inline = z.union([
  text,
  z.strictObject({ type: z.literal('hardBreak'), attrs: z.strictObject({ text: z.literal('\n') }).optional() }),
]);

const paragraph = z.strictObject({ type: z.literal('paragraph'), content: z.array(inline).optional() });

const heading = z.strictObject({
  type: z.literal('heading'),
  attrs: z.strictObject({ level: z.number().int().min(1).max(6) }),
  content: z.array(inline).optional(),
});

const codeBlock = z.strictObject({
  type: z.literal('codeBlock'),
  attrs: z.strictObject({ language: z.string().optional() }).optional(),
  content: z.array(z.strictObject({ type: z.literal('text'), text: z.string().min(1) })).optional(),
});

type ListShape = { type: 'bulletList' | 'orderedList'; content: Array<{ type: 'listItem'; content: unknown[] }> };

const list: z.ZodType<ListShape> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['bulletList', 'orderedList']),
    attrs: z.strictObject({ order: z.number().int().min(1) }).optional(),
    content: z.array(listItem).min(1),
  }),
) as z.ZodType<ListShape>;

const listItem = z.strictObject({
  type: z.literal('listItem'),
  content: z.array(z.union([paragraph, codeBlock, list])).min(1),
});

const block = z.union([paragraph, heading, codeBlock, list, z.strictObject({ type: z.literal('rule') })]);

export const AdfDocumentShape = z.strictObject({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(block),
});
