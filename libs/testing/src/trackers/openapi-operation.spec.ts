import { join } from 'node:path';
import { commentObject, issueObject, type StoredIssue } from './github-objects';
import { OpenApiDescription } from './openapi-description';
import { OpenApiOperation } from './openapi-operation';

// The checks the fake GitHub relies on must be able to fail, or its empty `violations` proves nothing.
const FILE = join(process.cwd(), 'node_modules/@octokit/openapi/generated/api.github.com.json');
const ISSUE_PATH = '/repos/{owner}/{repo}/issues/{issue_number}';
const URLS = { api: 'https://api.github.com', web: 'https://github.com' };

function stored(): StoredIssue {
  const at = new Date('2026-11-01T09:00:00Z');
  return {
    id: 7,
    owner: 'acme',
    repo: 'checkout',
    number: 3,
    title: 'Add a circuit breaker',
    body: '',
    labels: ['corrective-action'],
    state: 'open',
    stateReason: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    milestoneDueOn: new Date('2026-12-01T00:00:00Z'),
    pullRequest: false,
    comments: [{ id: 9, body: 'Checked', createdAt: at, author: 'remediation-bot' }],
  };
}

describe('OpenApiOperation against GitHub’s description', () => {
  let getIssue: OpenApiOperation;
  let createComment: OpenApiOperation;

  beforeAll(() => {
    const description = OpenApiDescription.load(FILE, [ISSUE_PATH, `${ISSUE_PATH}/comments`]);
    getIssue = new OpenApiOperation(description, 'GET', ISSUE_PATH);
    createComment = new OpenApiOperation(description, 'POST', `${ISSUE_PATH}/comments`);
  });

  it('accepts the issue and comment objects the fake builds', () => {
    expect(getIssue.checkResponse(200, issueObject(stored(), URLS))).toEqual([]);
    expect(createComment.checkResponse(201, commentObject(stored(), stored().comments[0], URLS))).toEqual([]);
  });

  it.each([
    [
      'a close reason GitHub does not have',
      { state_reason: 'done' },
      /\/state_reason must be equal to one of the allowed values/,
    ],
    ['a missing required field', { html_url: undefined }, /must have required property 'html_url'/],
    ['a number as text', { number: '3' }, /\/number must be integer/],
    ['a date that is not one', { created_at: 'yesterday' }, /\/created_at must match format "date-time"/],
    ['a user without login', { user: { id: 1 } }, /\/user/],
  ])('flags an issue response with %s', (_, change, expected) => {
    const body = { ...issueObject(stored(), URLS), ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete (body as Record<string, unknown>)[k];
    expect(getIssue.checkResponse(200, body).join('\n')).toMatch(expected);
  });

  it("checks errors any route may send against GitHub's generic error schemas", () => {
    expect(getIssue.checkGenericError(503, { message: 'Service Unavailable', documentation_url: 'x' })).toEqual([]);
    expect(getIssue.checkGenericError(503, { message: 503 }).join('\n')).toMatch(
      /basic-error: \/message must be string/,
    );
    expect(getIssue.checkGenericError(422, { message: 'Validation Failed' }).join('\n')).toMatch(
      /validation-error: .*required property 'documentation_url'/,
    );
  });

  it('flags a status the operation does not document', () => {
    expect(getIssue.checkResponse(418, {})).toEqual(['issues/get response: status 418 is not documented']);
  });

  it('checks path parameters, query parameters and the body of a request', () => {
    const ok = {
      pathParams: { owner: 'acme', repo: 'checkout', issue_number: '3' },
      query: {},
      contentType: 'application/json',
    };
    expect(createComment.checkRequest({ ...ok, body: { body: 'Hi' } })).toEqual([]);
    expect(createComment.checkRequest({ ...ok, body: undefined })).toEqual([
      'issues/create-comment request: the required JSON body is missing',
    ]);
    expect(createComment.checkRequest({ ...ok, body: { body: 'Hi' }, contentType: 'text/plain' })[0]).toMatch(
      /not application\/json/,
    );
    expect(
      getIssue.checkRequest({ ...ok, pathParams: { ...ok.pathParams, issue_number: 'three' }, body: undefined }),
    ).toEqual(['issues/get request: path /issue_number must be integer']);
    expect(getIssue.checkRequest({ ...ok, query: { per_page: '10' }, body: undefined })[0]).toMatch(
      /query .*must NOT have additional properties \(per_page\)/,
    );
  });
});
