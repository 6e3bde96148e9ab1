import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** RFC 4287 Appendix B in RELAX NG XML syntax (tests run from the repository root). */
export const ATOM_SCHEMA_PATH = join(resolve(process.cwd()), 'test/fixtures/atom/atom.rng');

const ATOM = 'http://www.w3.org/2005/Atom';
const XML = 'http://www.w3.org/XML/1998/namespace';

/**
 * What keeps `xml` from being a valid Atom 1.0 document (RFC 4287); an empty list means valid.
 * Two passes, both always run so that one answer lists every problem:
 * - libxml2's RELAX NG validation against the RFC's own schema (test/fixtures/atom/atom.rng),
 *   reported as "schema: line N: …";
 * - the rules the RFC states in prose, which the schema cannot express (its Schematron
 *   annotations included, as xmllint ignores them), reported as "RFC 4287 §…: …". The
 *   cardinalities are checked here again because libxml2 names the wrong element when an
 *   interleave misses one (a feed without atom:id is reported as "Expecting an element author").
 * A feed without rel="self" is reported too: the RFC only recommends the link, but a feed
 * reader needs it to find the feed again.
 */
export async function atomProblems(xml: string): Promise<string[]> {
  // One run both validates and canonicalises: the canonical form (no DOCTYPE, no CDATA, no
  // entity but the five predefined and character references, attributes in double quotes) is
  // regular enough to be read by the small parser below, without an XML library of its own.
  const result = await validateXML({
    xml: { fileName: 'feed.xml', contents: xml },
    schema: { fileName: 'atom.rng', contents: schema() },
    extension: 'relaxng',
    normalization: 'c14n',
  });
  const problems = result.valid ? [] : schemaProblems(result.errors);
  const root = result.normalized ? parseCanonical(result.normalized) : undefined;
  if (root) problems.push(...proseProblems(root));
  else if (result.valid) problems.push('the document has no root element');
  return problems;
}

let schemaText: string | undefined;
function schema(): string {
  schemaText ??= readFileSync(ATOM_SCHEMA_PATH, 'utf8');
  return schemaText;
}

function schemaProblems(errors: ReadonlyArray<{ message: string; loc: { lineNumber: number } | null }>): string[] {
  const lines = new Set<string>();
  for (const error of errors) {
    const message = error.message.replace(/^element [^:]+: /, '').replace('Relax-NG validity error : ', '');
    // A parser error is followed by the offending source line and a caret: not problems of their own.
    if (!message.trim() || /^\s*\^\s*$/.test(message)) continue;
    lines.add(`schema: ${error.loc ? `line ${error.loc.lineNumber}: ` : ''}${message.trim()}`);
  }
  return [...lines];
}

interface XmlElement {
  ns: string;
  name: string;
  /** Unqualified attributes by local name; qualified ones as "{namespace}local". */
  attrs: Map<string, string>;
  children: XmlElement[];
  /** The element's own character data, without its descendants'. */
  text: string;
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#[0-9]+);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref] as string;
  });
}

function splitName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** Reads canonical XML (xmllint --c14n output) into elements with their namespaces resolved. */
function parseCanonical(c14n: string): XmlElement | undefined {
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/[^\s>]+\s*>|<([^\s>/]+)((?:\s+[^\s=]+="[^"]*")*)\s*>|([^<]+)/g;
  const stack: Array<{ element: XmlElement; scope: Map<string, string> }> = [];
  let root: XmlElement | undefined;
  for (const match of c14n.matchAll(token)) {
    const [whole, qname, attributes, text] = match;
    if (whole.startsWith('</')) {
      stack.pop();
    } else if (qname !== undefined) {
      const scope = new Map(stack.at(-1)?.scope ?? [['xml', XML]]);
      const pairs = [...attributes.matchAll(/([^\s=]+)="([^"]*)"/g)].map(([, name, value]) => [name, decode(value)]);
      for (const [name, value] of pairs) {
        if (name === 'xmlns') scope.set('', value);
        else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
      }
      const [prefix, local] = splitName(qname);
      const element: XmlElement = {
        ns: scope.get(prefix) ?? '',
        name: local,
        attrs: new Map(),
        children: [],
        text: '',
      };
      for (const [name, value] of pairs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const [attrPrefix, attrLocal] = splitName(name);
        element.attrs.set(attrPrefix ? `{${scope.get(attrPrefix) ?? ''}}${attrLocal}` : attrLocal, value);
      }
      const parent = stack.at(-1)?.element;
      if (parent) parent.children.push(element);
      else root ??= element;
      stack.push({ element, scope });
    } else if (text !== undefined && stack.length > 0) {
      stack[stack.length - 1].element.text += decode(text);
    }
  }
  return root;
}

function atomChildren(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.ns === ATOM && child.name === name);
}

/** How a message names an element: "atom:feed", or "atom:entry 2 (its id)". */
function label(element: XmlElement, index?: number): string {
  if (index === undefined) return `atom:${element.name}`;
  const id = atomChildren(element, 'id')[0]?.text.trim();
  return `atom:entry ${index + 1}${id ? ` (${id})` : ''}`;
}

/** A link without rel is an alternate link (§4.2.7.2). */
function isAlternate(link: XmlElement): boolean {
  const rel = link.attrs.get('rel');
  return rel === undefined || rel === 'alternate' || rel === 'http://www.iana.org/assignments/relation/alternate';
}

const REQUIRED: Record<string, { one: string[]; atMostOne: string[] }> = {
  feed: { one: ['id', 'title', 'updated'], atMostOne: ['generator', 'icon', 'logo', 'rights', 'subtitle'] },
  entry: { one: ['id', 'title', 'updated'], atMostOne: ['content', 'published', 'rights', 'source', 'summary'] },
};

function cardinalityProblems(element: XmlElement, name: string, section: string): string[] {
  const problems: string[] = [];
  const { one, atMostOne } = REQUIRED[element.name];
  for (const child of one) {
    const count = atomChildren(element, child).length;
    if (count !== 1) problems.push(`RFC 4287 ${section}: ${name} must contain exactly one atom:${child}, has ${count}`);
  }
  for (const child of atMostOne) {
    const count = atomChildren(element, child).length;
    if (count > 1) problems.push(`RFC 4287 ${section}: ${name} must contain at most one atom:${child}, has ${count}`);
  }
  return problems;
}

function duplicateAlternateProblems(element: XmlElement, name: string, section: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const link of atomChildren(element, 'link').filter(isAlternate)) {
    const key = `type="${link.attrs.get('type') ?? ''}" hreflang="${link.attrs.get('hreflang') ?? ''}"`;
    if (seen.has(key)) {
      problems.push(`RFC 4287 ${section}: ${name} has more than one alternate atom:link with ${key}`);
    }
    seen.add(key);
  }
  return problems;
}

/** An IRI (RFC 3987) is absolute: a scheme, a colon, and no character an IRI cannot hold. */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/;

/** RFC 3339 date-time as §3.3 narrows it: upper-case "T" and "Z", and a time zone always. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

function isRfc3339(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[8] === 'Z' || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 && // a leap second
    offsetOk
  );
}

/** atom:id and the date constructs of a feed, an entry or a source. */
function valueProblems(element: XmlElement, name: string): string[] {
  const problems: string[] = [];
  for (const id of atomChildren(element, 'id')) {
    if (!ABSOLUTE_IRI.test(id.text)) {
      problems.push(`RFC 4287 §4.2.6: the atom:id of ${name} is not an absolute IRI: "${id.text}"`);
    }
  }
  for (const dateName of ['updated', 'published']) {
    for (const date of atomChildren(element, dateName)) {
      if (!isRfc3339(date.text)) {
        problems.push(
          `RFC 4287 §3.3: atom:${dateName} of ${name} is not an RFC 3339 date-time with a time zone ` +
            `(like 2026-12-05T10:00:00Z or 2026-12-05T11:00:00+01:00): "${date.text}"`,
        );
      }
    }
  }
  return problems;
}

/** Base64-encoded content (§4.1.3.3): a media type that is neither text nor XML. */
function isBase64Content(content: XmlElement): boolean {
  const type = content.attrs.get('type');
  if (type === undefined || ['text', 'html', 'xhtml'].includes(type)) return false;
  const mediaType = type.split(';')[0].trim().toLowerCase();
  return !mediaType.startsWith('text/') && !/[/+]xml$/.test(mediaType);
}

function entryProblems(entry: XmlElement, name: string, feedHasAuthor: boolean): string[] {
  const problems = [
    ...cardinalityProblems(entry, name, '§4.1.2'),
    ...valueProblems(entry, name),
    ...duplicateAlternateProblems(entry, name, '§4.1.2'),
  ];
  const sourceHasAuthor = atomChildren(entry, 'source').some((source) => atomChildren(source, 'author').length > 0);
  if (!feedHasAuthor && atomChildren(entry, 'author').length === 0 && !sourceHasAuthor) {
    problems.push(`RFC 4287 §4.1.2: ${name} has no atom:author, and neither has its feed or its atom:source`);
  }
  const content = atomChildren(entry, 'content');
  if (content.length === 0 && !atomChildren(entry, 'link').some(isAlternate)) {
    problems.push(`RFC 4287 §4.1.2: ${name} has neither atom:content nor an atom:link with rel="alternate"`);
  }
  const needsSummary = content.some((c) => c.attrs.has('src') || isBase64Content(c));
  if (needsSummary && atomChildren(entry, 'summary').length === 0) {
    problems.push(`RFC 4287 §4.1.2: ${name} has out-of-line or Base64 atom:content but no atom:summary`);
  }
  for (const [i, source] of atomChildren(entry, 'source').entries()) {
    problems.push(...valueProblems(source, `atom:source ${i + 1} of ${name}`));
  }
  return problems;
}

function proseProblems(root: XmlElement): string[] {
  if (root.ns !== ATOM || (root.name !== 'feed' && root.name !== 'entry')) {
    const qualified = root.ns ? `{${root.ns}}${root.name}` : root.name;
    return [`RFC 4287 §4.1: the root element is ${qualified}, not atom:feed or atom:entry`];
  }
  if (root.name === 'entry') return entryProblems(root, label(root), false);

  const feed = root;
  const feedHasAuthor = atomChildren(feed, 'author').length > 0;
  const problems = [
    ...cardinalityProblems(feed, 'atom:feed', '§4.1.1'),
    ...valueProblems(feed, 'atom:feed'),
    ...duplicateAlternateProblems(feed, 'atom:feed', '§4.1.1'),
  ];
  if (!atomChildren(feed, 'link').some((link) => link.attrs.get('rel') === 'self')) {
    problems.push('RFC 4287 §4.1.1: atom:feed has no atom:link with rel="self" (the feed\'s own address)');
  }
  for (const [i, entry] of atomChildren(feed, 'entry').entries()) {
    problems.push(...entryProblems(entry, label(entry, i), feedHasAuthor));
  }
  return problems;
}
