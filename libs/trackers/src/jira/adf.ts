/**
 * The part of Atlassian Document Format (ADF) this service writes and reads: Jira Cloud's rich
 * text for descriptions and comments (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 */
export type AdfMark =
  { type: 'strong' } | { type: 'em' } | { type: 'code' } | { type: 'link'; attrs: { href: string } };

export interface AdfText {
  type: 'text';
  text: string;
  marks?: AdfMark[];
}

export interface AdfHardBreak {
  type: 'hardBreak';
}

export type AdfInline = AdfText | AdfHardBreak;

export interface AdfParagraph {
  type: 'paragraph';
  content: AdfInline[];
}

export interface AdfListItem {
  type: 'listItem';
  content: Array<AdfParagraph | AdfBulletList>;
}

export interface AdfBulletList {
  type: 'bulletList';
  content: AdfListItem[];
}

export type AdfBlock = AdfParagraph | AdfBulletList;

export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

/** A node as read back from Jira, which may hold any node type, not only the ones written here. */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}
