import { describe, expect, it } from '@jest/globals';
import { atomProblems } from './atom-validator';

const VALID = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <title>Post-mortems</title>
  <updated>2026-12-05T10:00:00Z</updated>
  <link rel="self" type="application/atom+xml" href="https://tracker.example/public/postmortems.atom"/>
  <author><name>Remediation tracker</name></author>
  <entry>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <title type="html">Checkout &lt;b&gt;outage&lt;/b&gt;</title>
    <updated>2026-12-04T09:30:00+01:00</updated>
    <published>2026-12-03T09:30:00.5-05:00</published>
    <link rel="alternate" type="text/html" href="https://tracker.example/public/postmortems/1"/>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Payments <b>failed</b>.</div></summary>
  </entry>
</feed>
`;

/** Every element and attribute the RFC defines, and extensions, so the schema is exercised beyond the minimum. */
const EVERYTHING = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:example:extension" xml:base="https://tracker.example/" xml:lang="en-GB" x:mark="1">
  <id>https://tracker.example/public/postmortems.atom</id>
  <title type="text">Post-mortems</title>
  <subtitle type="html">Published &lt;em&gt;post-mortems&lt;/em&gt;</subtitle>
  <updated>2026-12-05T10:00:00.123+00:00</updated>
  <link rel="self" type="application/atom+xml" href="public/postmortems.atom" hreflang="en" title="This feed" length="2048"/>
  <link href="public/postmortems" type="text/html"/>
  <link rel="http://www.iana.org/assignments/relation/related" href="https://status.example/"/>
  <category term="incidents" scheme="https://tracker.example/categories" label="Incidents"/>
  <author><name>SRE</name><uri>https://tracker.example/teams/sre</uri><email>sre@tracker.example</email><x:team>sre</x:team></author>
  <contributor><name>Payments</name></contributor>
  <generator uri="https://tracker.example/" version="0.1.0">remediation-tracker</generator>
  <icon>favicon.ico</icon>
  <logo>logo.png</logo>
  <rights type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&#169; 2026 <b>Example</b></div></rights>
  <x:simple>a simple extension</x:simple>
  <x:structured kind="deep"><x:inner a="b">text</x:inner></x:structured>
  <entry>
    <id>tag:tracker.example,2026:postmortem/1</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Checkout <em>outage</em></div></title>
    <updated>2026-12-04T09:30:00Z</updated>
    <published>2026-12-03T23:59:59Z</published>
    <content type="html">&lt;p&gt;Payments failed.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <title>Queue backlog</title>
    <updated>2026-12-04T09:30:00-08:00</updated>
    <content type="application/pdf" src="reports/2.pdf"/>
    <summary>The report is a PDF.</summary>
    <source>
      <id>https://elsewhere.example/feed</id>
      <title>Elsewhere</title>
      <updated>2026-11-01T00:00:00Z</updated>
      <author><name>Someone else</name></author>
    </source>
  </entry>
  <entry>
    <id>urn:example:3</id>
    <title>Inline XML content</title>
    <updated>2026-12-04T09:30:00Z</updated>
    <content type="application/xml"><x:report><x:line>ok</x:line></x:report></content>
  </entry>
</feed>
`;

/** The valid feed with one edit; fails if the edit did not apply, so no case passes by accident. */
function edited(from: string | RegExp, to: string): string {
  const xml = VALID.replace(from, to);
  if (xml === VALID) throw new Error(`the edit ${String(from)} changed nothing`);
  return xml;
}

const ENTRY_UPDATED = '    <updated>2026-12-04T09:30:00+01:00</updated>\n';
const ENTRY_LINK = '    <link rel="alternate" type="text/html" href="https://tracker.example/public/postmortems/1"/>\n';

describe('atomProblems (Atom 1.0, RFC 4287)', () => {
  it('finds nothing wrong with a valid feed', async () => {
    expect(await atomProblems(VALID)).toEqual([]);
  });

  it('finds nothing wrong with a feed that uses every element the RFC defines', async () => {
    expect(await atomProblems(EVERYTHING)).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    [
      'a feed without atom:id',
      edited('  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>\n', ''),
      /atom:feed must contain exactly one atom:id, has 0/,
    ],
    ['an entry without atom:updated', edited(ENTRY_UPDATED, ''), /atom:entry 1 .* exactly one atom:updated, has 0/],
    [
      'a date without the "T" and the seconds and the time zone',
      edited('2026-12-05T10:00:00Z', '2026-12-05 10:00'),
      /atom:updated of atom:feed is not an RFC 3339 date-time.*"2026-12-05 10:00"/,
    ],
    [
      'a date without a time zone (xsd:dateTime allows it)',
      edited('2026-12-05T10:00:00Z', '2026-12-05T10:00:00'),
      /atom:updated of atom:feed is not an RFC 3339 date-time with a time zone/,
    ],
    [
      'a relative atom:id',
      edited('urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a', '/public/postmortems/1'),
      /atom:id of atom:entry 1 .* is not an absolute IRI: "\/public\/postmortems\/1"/,
    ],
    [
      'no atom:author in the feed nor in its entry',
      edited('  <author><name>Remediation tracker</name></author>\n', ''),
      /atom:entry 1 .* has no atom:author/,
    ],
    [
      'an entry with neither an alternate link nor content',
      edited(ENTRY_LINK, ''),
      /atom:entry 1 .* has neither atom:content nor an atom:link with rel="alternate"/,
    ],
    [
      'a text construct of type "markdown"',
      edited('<title>Post-mortems</title>', '<title type="markdown">Post-mortems</title>'),
      /schema: line 4: Invalid attribute type for element title/,
    ],
    [
      'a root element that is not Atom',
      edited(/<(\/?)feed\b/g, '<$1rss'),
      /the root element is \{http:\/\/www\.w3\.org\/2005\/Atom\}rss, not atom:feed or atom:entry/,
    ],
    [
      'two alternate links of the same type and language',
      edited(ENTRY_LINK, ENTRY_LINK + ENTRY_LINK.replace('/1"', '/1?again"')),
      /more than one alternate atom:link with type="text\/html" hreflang=""/,
    ],
    ['a feed without rel="self"', edited(/ {2}<link rel="self".*\n/, ''), /atom:feed has no atom:link with rel="self"/],
  ])('reports %s', async (_, xml, problem) => {
    const problems = await atomProblems(xml);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('reports what the schema alone finds: an element the RFC does not define', async () => {
    const problems = await atomProblems(edited('<title>Post-mortems</title>', '<headline>Post-mortems</headline>'));
    expect(problems.filter((p) => p.startsWith('schema: ')).length).toBeGreaterThan(0);
  });

  it('reports a document that is not well-formed', async () => {
    const problems = await atomProblems(edited('</feed>', ''));
    expect(problems.join('\n')).toMatch(/schema: line \d+: parser error/);
  });
});
