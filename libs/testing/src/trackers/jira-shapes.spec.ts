import { describeZodError } from './deep-strict';
import { AddCommentRequest, EditIssueRequest, IssueResponse, LabelOperation, SearchRequest } from './jira-shapes';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

describe('the fake Jira request and answer shapes', () => {
  it('accepts a CommentInput holding an ADF document', () => {
    const body = doc({ type: 'paragraph', content: [{ type: 'text', text: 'ok', marks: [{ type: 'strong' }] }] });
    expect(AddCommentRequest.safeParse({ body }).success).toBe(true);
  });

  it.each([
    ['a wiki-markup string', { body: 'h2. x' }],
    ['version 2', { body: { ...doc(), version: 2 } }],
    ['an unknown node', { body: doc({ type: 'blink', content: [] }) }],
    ['an empty text node', { body: doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] }) }],
    [
      'code combined with strong',
      {
        body: doc({
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }, { type: 'strong' }] }],
        }),
      },
    ],
    ['an empty bullet list', { body: doc({ type: 'bulletList', content: [] }) }],
    ['a key CommentInput does not have', { body: doc(), colour: 'red' }],
  ])('refuses a comment with %s', (_, body) => {
    expect(AddCommentRequest.safeParse(body).success).toBe(false);
  });

  it('refuses keys the specification does not describe, however deep', () => {
    const result = EditIssueRequest.safeParse({
      update: {},
      transition: { id: '1', to: { statusCategory: { colour: 'x' } } },
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodError(result.error)).toContain('transition.to.statusCategory');
  });

  it.each([
    [{ add: 'a' }, true],
    [{ add: 'two words' }, false],
    [{ add: 'a', remove: 'b' }, false],
    [{ push: 'a' }, false],
  ])('label operation %j valid: %s', (operation, valid) => {
    expect(LabelOperation.safeParse(operation).success).toBe(valid);
  });

  it('requires JQL in a search and refuses unknown keys', () => {
    expect(SearchRequest.safeParse({ jql: 'project = A', fields: ['summary'], maxResults: 10 }).success).toBe(true);
    expect(SearchRequest.safeParse({ fields: ['summary'] }).success).toBe(false);
    expect(SearchRequest.safeParse({ jql: 'project = A', startAt: 0 }).success).toBe(false);
  });

  it('checks issue fields the specification leaves open', () => {
    const bean = (fields: Record<string, unknown>) => ({ id: '1', key: 'A-1', fields });
    expect(IssueResponse.safeParse(bean({ duedate: '2026-03-31', labels: ['x'] })).success).toBe(true);
    expect(IssueResponse.safeParse(bean({ duedate: 'tomorrow' })).success).toBe(false);
    expect(IssueResponse.safeParse(bean({ created: '2026-01-05T10:00:00Z' })).success).toBe(false);
    expect(IssueResponse.safeParse(bean({ sprint: 'x' })).success).toBe(false);
  });
});
