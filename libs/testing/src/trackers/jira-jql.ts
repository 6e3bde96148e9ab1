/**
 * The small honest subset of JQL the fake Jira answers: clauses joined by AND on project, key
 * (issuekey), labels, status, statusCategory, resolution, created and updated, then an optional
 * ORDER BY on key, created or updated. Anything else is refused with Jira's kind of message, so a
 * query the service starts sending that the fake cannot evaluate fails loudly instead of matching
 * nothing. Dates are read as UTC (Jira reads them in the searching user's time zone).
 */
export interface JqlIssue {
  key: string;
  project: string;
  labels: string[];
  status: string;
  statusCategory: { key: string; name: string };
  resolution: string | null;
  created: Date;
  updated: Date;
}

export class JqlError extends Error {}

export interface JqlQuery {
  matches(issue: JqlIssue): boolean;
  compare(a: JqlIssue, b: JqlIssue): number;
}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };

const FIELDS = ['project', 'key', 'issuekey', 'labels', 'status', 'statuscategory', 'resolution', 'created', 'updated'];
const ORDERABLE = ['key', 'issuekey', 'created', 'updated'];
const OPERATORS: Record<string, string[]> = {
  project: ['=', '!=', 'in', 'not in'],
  key: ['=', '!=', 'in', 'not in'],
  issuekey: ['=', '!=', 'in', 'not in'],
  labels: ['=', '!=', 'in', 'not in'],
  status: ['=', '!=', 'in', 'not in'],
  statuscategory: ['=', '!=', 'in', 'not in'],
  resolution: ['=', '!=', 'in', 'not in'],
  created: ['=', '>', '>=', '<', '<='],
  updated: ['=', '>', '>=', '<', '<='],
};

/** `unbounded`: whether a query without clauses is allowed (Data Center's search; Cloud's enhanced search refuses it). */
export function parseJql(jql: string, { unbounded = false }: { unbounded?: boolean } = {}): JqlQuery {
  const tokens = tokenize(jql);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (!token) throw new JqlError('Error in the JQL Query: Expecting more of the query.');
    return token;
  };
  const isWord = (word: string) => peek()?.kind === 'word' && peek().text.toLowerCase() === word;

  const clauses: Array<(issue: JqlIssue) => boolean> = [];
  while (at < tokens.length && !isWord('order')) {
    if (clauses.length > 0) {
      const joiner = next();
      if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and') {
        throw new JqlError(`Error in the JQL Query: '${joiner.text}' is not supported here (only AND joins clauses).`);
      }
    }
    clauses.push(clause());
  }
  const order: Array<{ field: string; direction: 1 | -1 }> = [];
  if (isWord('order')) {
    next();
    if (!isWord('by')) throw new JqlError("Error in the JQL Query: Expecting 'by' after 'order'.");
    next();
    do {
      if (order.length > 0) next();
      const field = next().text.toLowerCase();
      if (!ORDERABLE.includes(field)) throw new JqlError(`Field '${field}' cannot be used to order this search.`);
      let direction: 1 | -1 = 1;
      if (isWord('asc') || isWord('desc')) direction = next().text.toLowerCase() === 'desc' ? -1 : 1;
      order.push({ field, direction });
    } while (peek()?.text === ',');
  }
  if (at < tokens.length) throw new JqlError(`Error in the JQL Query: unexpected '${peek().text}'.`);
  if (clauses.length === 0 && !unbounded) {
    throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  }
  if (order.length === 0) order.push({ field: 'key', direction: -1 });

  return {
    matches: (issue) => clauses.every((c) => c(issue)),
    compare: (a, b) => {
      for (const { field, direction } of order) {
        const d = compareBy(field, a, b);
        if (d !== 0) return d * direction;
      }
      return 0;
    },
  };

  function clause(): (issue: JqlIssue) => boolean {
    const fieldToken = next();
    const field = fieldToken.text.toLowerCase();
    if (fieldToken.kind !== 'word' || !FIELDS.includes(field)) {
      throw new JqlError(`Field '${fieldToken.text}' does not exist or you do not have permission to view it.`);
    }
    let operator = next().text.toLowerCase();
    if (operator === 'not' && isWord('in')) operator = `not ${next().text.toLowerCase()}`;
    if (!OPERATORS[field].includes(operator)) {
      throw new JqlError(`The operator '${operator}' is not supported by the '${fieldToken.text}' field.`);
    }
    const values: string[] = [];
    if (operator.endsWith('in')) {
      if (next().text !== '(') throw new JqlError("Error in the JQL Query: Expecting '(' after IN.");
      do {
        if (values.length > 0) next();
        values.push(value());
      } while (peek()?.text === ',');
      if (next().text !== ')') throw new JqlError("Error in the JQL Query: Expecting ')' to close IN.");
    } else {
      values.push(value());
    }
    const negate = operator === '!=' || operator === 'not in';
    if (field === 'created' || field === 'updated') return dateClause(field, operator, jqlDate(values[0]));
    return (issue) => fieldValues(issue, field).some((v) => values.some((w) => sameValue(v, w))) !== negate;
  }

  function value(): string {
    const token = next();
    if (token.kind !== 'word' && token.kind !== 'string') {
      throw new JqlError(`Error in the JQL Query: Expecting a value but got '${token.text}'.`);
    }
    if (token.kind === 'word' && /\(/.test(peek()?.text ?? '')) {
      throw new JqlError(`Error in the JQL Query: functions like '${token.text}()' are not supported here.`);
    }
    return token.kind === 'word' && token.text.toLowerCase() === 'empty' ? '\u0000EMPTY' : token.text;
  }
}

function fieldValues(issue: JqlIssue, field: string): Array<string | null> {
  switch (field) {
    case 'project':
      return [issue.project];
    case 'key':
    case 'issuekey':
      return [issue.key];
    case 'labels':
      return issue.labels.length > 0 ? issue.labels : [null];
    case 'status':
      return [issue.status];
    case 'statuscategory':
      return [issue.statusCategory.key, issue.statusCategory.name];
    default:
      return [issue.resolution];
  }
}

function sameValue(actual: string | null, wanted: string): boolean {
  if (wanted === '\u0000EMPTY') return actual === null;
  return actual !== null && actual.toLowerCase() === wanted.toLowerCase();
}

function dateClause(field: 'created' | 'updated', operator: string, at: number): (issue: JqlIssue) => boolean {
  return (issue) => {
    const t = issue[field].getTime();
    switch (operator) {
      case '>':
        return t > at;
      case '>=':
        return t >= at;
      case '<':
        return t < at;
      case '<=':
        return t <= at;
      default:
        return t === at;
    }
  };
}

// Jira's absolute date formats: yyyy-MM-dd or yyyy/MM/dd, optionally with HH:mm.
function jqlDate(text: string): number {
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (!match) {
    throw new JqlError(
      `Date value '${text}' for field is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'.`,
    );
  }
  const [, y, mo, d, h = '00', mi = '00'] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
}

// Keys sort by project, then by number (OPS-10 after OPS-9), as Jira sorts them.
function compareBy(field: string, a: JqlIssue, b: JqlIssue): number {
  if (field === 'created' || field === 'updated') return a[field].getTime() - b[field].getTime();
  const [projectA, numberA] = a.key.split('-');
  const [projectB, numberB] = b.key.split('-');
  return projectA.localeCompare(projectB) || Number(numberA) - Number(numberB);
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|>=|<=|=|>|<|~|!~)|([(),])|([A-Za-z0-9_.\-:@]+))/y;
  let at = 0;
  while (at < jql.length) {
    if (/^\s*$/.test(jql.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(jql);
    if (!match) throw new JqlError(`Error in the JQL Query: The character '${jql[at]}' is a reserved JQL character.`);
    at = pattern.lastIndex;
    if (match[1] !== undefined || match[2] !== undefined) {
      tokens.push({ kind: 'string', text: (match[1] ?? match[2]).replace(/\\(.)/g, '$1') });
    } else if (match[3]) tokens.push({ kind: 'op', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'punct', text: match[4] });
    else tokens.push({ kind: 'word', text: match[5] });
  }
  return tokens;
}
