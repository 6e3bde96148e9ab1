import { z } from 'zod';
import {
  CommentInputSchema,
  CommentSchema,
  ComponentSchema,
  ErrorCollectionSchema,
  FieldUpdateOperationSchema,
  IssueSchema,
  IssueUpdateDetailsSchema,
  IssueTypeDetailsSchema,
  PageOfCommentsSchema,
  PrioritySchema,
  ProjectSchema,
  ResolutionSchema,
  SearchAndReconcileRequestSchema,
  SearchAndReconcileResultsSchema,
  SearchRequestSchema,
  SearchResultsSchema,
  StatusDetailsSchema,
  TransitionsSchema,
} from 'jira.js/cloud';
import { AdfDocumentShape } from './adf-shape';
import { allOf, deepStrict } from './deep-strict';

/**
 * The shapes the fake Jira checks, taken from jira.js's zod models, which are generated from
 * Jira's official REST v3 OpenAPI description, made strict (no undescribed keys). Where the
 * specification leaves a value open (`fields` is a free record on an issue bean, a comment body
 * any document), the shape of the value is added from Jira's field and ADF documentation.
 */

/** Error bodies: ErrorCollection. */
export const ErrorShape = deepStrict(ErrorCollectionSchema);

// Query strings as they arrive: jira.js's parameter schemas (parameters/getIssue.ts,
// parameters/getTransitions.ts) are not exported by the package, so their query keys are
// restated here, with the value each takes on the wire.
const flag = z.enum(['true', 'false']);

/** GET /rest/api/3/issue/{issueIdOrKey} query: the GetIssue parameters. */
export const GetIssueQuery = z.strictObject({
  fields: z.array(z.string().min(1)).optional(),
  fieldsByKeys: flag.optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  updateHistory: flag.optional(),
  failFast: flag.optional(),
});

/** GET /rest/api/{3,2}/issue/{key}/comment query: the GetComments parameters. */
export const GetCommentsQuery = z.strictObject({
  startAt: z.string().regex(/^\d+$/, 'a number').optional(),
  maxResults: z.string().regex(/^\d+$/, 'a number').optional(),
  orderBy: z.enum(['created', '-created', '+created']).optional(),
  expand: z.string().optional(),
});

/** GET /rest/api/3/issue/{key}/transitions query: the GetTransitions parameters. */
export const GetTransitionsQuery = z.strictObject({
  expand: z.string().optional(),
  transitionId: z.string().optional(),
  skipRemoteOnlyCondition: flag.optional(),
  includeUnavailableTransitions: flag.optional(),
  sortByOpsBarAndStatus: flag.optional(),
});

/** POST /rest/api/3/search/jql body: SearchAndReconcileRequest, with the JQL it cannot do without. */
export const SearchRequest = allOf(
  deepStrict(SearchAndReconcileRequestSchema),
  z.object({ jql: z.string().min(1), maxResults: z.number().int().min(1).max(5000).optional() }),
) as z.ZodType<z.output<typeof SearchAndReconcileRequestSchema> & { jql: string }>;

/** POST /rest/api/3/issue/{key}/comment body: CommentInput with an ADF document as body (v3 takes no strings). */
export const AddCommentRequest = allOf(deepStrict(CommentInputSchema), z.object({ body: AdfDocumentShape }));

/** PUT /rest/api/3/issue/{key} body: IssueUpdateDetails. */
export const EditIssueRequest = deepStrict(IssueUpdateDetailsSchema);

/**
 * Each operation in `update.labels`: a FieldUpdateOperation (checked first, strict) holding exactly
 * one verb with a label value; Jira labels cannot contain spaces.
 */
export const LabelOperation = deepStrict(FieldUpdateOperationSchema).pipe(
  z.union([
    z.strictObject({ add: z.string().regex(/^\S+$/, 'a label cannot contain spaces') }),
    z.strictObject({ remove: z.string() }),
    z.strictObject({ set: z.array(z.string().regex(/^\S+$/, 'a label cannot contain spaces')) }),
  ]),
);

/** POST /rest/api/3/issue/{key}/transitions body: IssueUpdateDetails with the transition's id. */
export const DoTransitionRequest = allOf(
  deepStrict(IssueUpdateDetailsSchema),
  z.object({ transition: z.object({ id: z.string().regex(/^\d+$/) }) }),
) as z.ZodType<z.output<typeof IssueUpdateDetailsSchema> & { transition: { id: string } }>;

const jiraDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/, 'a Jira date-time');

/**
 * The answers that hold rich text, for one REST version: v3 (Cloud) holds ADF documents, v2 (Data
 * Center) wiki-markup strings. Otherwise the two versions share their models.
 */
function answerShapes(richText: z.ZodType, version: 2 | 3) {
  // The model's body is an ADF document; v2 answers a string there, so the body is checked apart.
  const comment = allOf(
    deepStrict(version === 3 ? CommentSchema : CommentSchema.extend({ body: z.unknown() })),
    z.object({ body: richText, created: jiraDateTime }),
  );

  /** The issue fields the fake serves, each a model of the specification. */
  const fields = z
    .strictObject({
      summary: z.string(),
      description: richText.nullable(),
      status: deepStrict(StatusDetailsSchema),
      resolution: deepStrict(ResolutionSchema).nullable(),
      resolutiondate: jiraDateTime.nullable(),
      created: jiraDateTime,
      updated: jiraDateTime,
      duedate: z.iso.date().nullable(),
      labels: z.array(z.string()),
      components: z.array(deepStrict(ComponentSchema)),
      priority: deepStrict(PrioritySchema).nullable(),
      project: deepStrict(ProjectSchema),
      issuetype: deepStrict(IssueTypeDetailsSchema),
      comment: allOf(
        deepStrict(PageOfCommentsSchema.extend({ comments: z.array(z.unknown()) })),
        z.object({ comments: z.array(comment) }),
      ),
    })
    .partial();

  // An issue bean: Issue (IssueBean) with the fields above. Searches answer ids only unless fields
  // are asked for, so key and fields may be absent.
  const issue = allOf(
    deepStrict(IssueSchema),
    z.object({ id: z.string(), key: z.string().optional(), fields: fields.optional() }),
  );
  /** A page of an issue's comments: PageOfComments. */
  const comments = allOf(
    deepStrict(PageOfCommentsSchema.extend({ comments: z.array(z.unknown()) })),
    z.object({ comments: z.array(comment) }),
  );
  return { comment, comments, issue };
}

const v3 = answerShapes(AdfDocumentShape, 3);
const v2 = answerShapes(z.string(), 2);

/** GET issue answer (v3). */
export const IssueResponse = v3.issue;

/** POST /rest/api/3/search/jql answer: SearchAndReconcileResults of issue beans. */
export const SearchResponse = allOf(
  deepStrict(SearchAndReconcileResultsSchema),
  z.object({ issues: z.array(IssueResponse) }),
);

/** POST comment answer (v3): Comment. */
export const CommentResponse = v3.comment;

/** GET comment answer (v3): PageOfComments. */
export const CommentsPageResponse = v3.comments;

/** GET transitions answer: Transitions (both versions). */
export const TransitionsResponse = deepStrict(TransitionsSchema);

// ---- REST v2, as Jira Data Center serves it: same models, wiki markup for rich text ----

/** POST /rest/api/2/search body: SearchRequest (startAt paging), with the JQL it cannot do without. */
export const SearchRequestV2 = allOf(
  deepStrict(SearchRequestSchema),
  z.object({
    jql: z.string().min(1),
    startAt: z.number().int().min(0).optional(),
    maxResults: z.number().int().min(1).optional(),
  }),
) as z.ZodType<z.output<typeof SearchRequestSchema> & { jql: string }>;

/** POST /rest/api/2/issue/{key}/comment body: CommentInput with a wiki-markup string. */
export const AddCommentRequestV2 = allOf(deepStrict(CommentInputSchema), z.object({ body: z.string().min(1) }));

export const IssueResponseV2 = v2.issue;
export const CommentResponseV2 = v2.comment;
export const CommentsPageResponseV2 = v2.comments;

/** POST /rest/api/2/search answer: SearchResults of issue beans. */
export const SearchResponseV2 = allOf(deepStrict(SearchResultsSchema), z.object({ issues: z.array(IssueResponseV2) }));
