import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Renders a kustomization the way `kustomize build` does, for the subset deploy/ uses: `resources`
 * (files and directories holding a kustomization), `patches` given by `path` (strategic merge,
 * `$patch: delete` included), `images` and `namespace`. Any other field is refused rather than
 * ignored, so a manifest that needs more than this fails its test instead of rendering wrong.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  patches?: Array<{ path?: string; [other: string]: unknown }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  namespace?: string;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'patches', 'images', 'namespace']);

type Tree = Record<string, unknown>;

export function renderKustomization(dir: string): KubeObject[] {
  const file = join(dir, 'kustomization.yaml');
  const spec = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(spec).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);

  let objects = (spec.resources ?? []).flatMap((entry) => loadResource(resolve(dir, entry)));
  for (const patch of spec.patches ?? []) {
    const extra = Object.keys(patch).filter((key) => key !== 'path');
    if (!patch.path || extra.length > 0) throw new Error(`${file}: only patches given by path are supported`);
    // As in kustomize, a patch file holds one patch.
    const docs = readDocuments(resolve(dir, patch.path));
    if (docs.length !== 1) throw new Error(`${patch.path}: a patch file holds one patch, found ${docs.length}`);
    objects = applyPatch(objects, docs[0], patch.path);
  }
  for (const image of spec.images ?? []) objects.forEach((o) => renameImage(o, image));
  if (spec.namespace) objects.forEach((o) => (o.metadata.namespace = spec.namespace));
  return objects;
}

function loadResource(path: string): KubeObject[] {
  if (!existsSync(path)) throw new Error(`resource not found: ${path}`);
  if (statSync(path).isDirectory()) return renderKustomization(path);
  return readDocuments(path);
}

function readDocuments(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
    return doc.toJS() as KubeObject;
  });
}

/** The object a patch applies to: same kind and name (and apiVersion's group). */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const group = (o: KubeObject): string => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '');
  return a.kind === b.kind && a.metadata.name === b.metadata.name && group(a) === group(b);
}

function applyPatch(objects: KubeObject[], patch: KubeObject, from: string): KubeObject[] {
  const index = objects.findIndex((o) => sameObject(o, patch));
  if (index < 0) throw new Error(`${from}: no ${patch.kind} ${patch.metadata.name} to patch`);
  if ((patch as Tree).$patch === 'delete') return objects.filter((_, i) => i !== index);
  const patched = [...objects];
  patched[index] = strategicMerge(objects[index], patch) as KubeObject;
  return patched;
}

/** The key Kubernetes merges each list of a pod spec by (its patchMergeKey); other lists are replaced. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

/**
 * Kubernetes' strategic merge for what deploy/ patches: mappings merge key by key, `null` removes a
 * key, the lists of MERGE_KEYS merge item by item, other lists are replaced.
 */
function strategicMerge(base: unknown, patch: unknown, field = ''): unknown {
  if (isMapping(base) && isMapping(patch)) {
    const out: Tree = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = key in base ? strategicMerge(base[key], value, key) : value;
    }
    return out;
  }
  const mergeKey = MERGE_KEYS[field];
  if (mergeKey && Array.isArray(base) && Array.isArray(patch) && [...base, ...patch].every(isMapping)) {
    const same = (a: Tree, b: Tree): boolean => a[mergeKey] === b[mergeKey];
    const out = base.map((item) => {
      const over = patch.find((p) => same(p, item));
      return over ? strategicMerge(item, over) : item;
    });
    return [...out, ...patch.filter((p) => !base.some((item) => same(item, p)))];
  }
  return patch;
}

function renameImage(object: KubeObject, image: { name: string; newName?: string; newTag?: string }): void {
  for (const container of podContainers(object)) {
    const current = container.image as string;
    const [name, tag] = splitImage(current);
    if (name !== image.name) continue;
    const newTag = image.newTag ?? tag;
    container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  }
}

/** `registry:5000/name:tag` → [`registry:5000/name`, `tag`]. */
export function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

/** The pod template of a Deployment, StatefulSet, Job or CronJob; null for other kinds. */
export function podTemplate(object: KubeObject): { metadata?: { labels?: Record<string, string> }; spec: Tree } | null {
  const spec = object.spec as Tree | undefined;
  if (!spec) return null;
  const template = object.kind === 'CronJob' ? ((spec.jobTemplate as Tree).spec as Tree).template : spec.template;
  return isMapping(template) && isMapping(template.spec) ? (template as { spec: Tree }) : null;
}

export function podSpec(object: KubeObject): Tree | null {
  return podTemplate(object)?.spec ?? null;
}

export function podContainers(object: KubeObject): Tree[] {
  const pod = podSpec(object);
  return pod ? [...((pod.initContainers as Tree[]) ?? []), ...((pod.containers as Tree[]) ?? [])] : [];
}

function isMapping(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
