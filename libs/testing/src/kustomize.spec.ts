import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { podContainers, renderKustomization, splitImage } from './kustomize';

const root = mkdtempSync(join(tmpdir(), 'rt-kustomize-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` (path → text) under a fresh folder and answers it. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: app
          image: example/app:1.0
          args: [serve]
          env: [{ name: A, value: '1' }, { name: B, value: '2' }]
          ports: [{ containerPort: 80, name: http }]
        - name: sidecar
          image: example/sidecar:2.0
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 80 }] }
`;

describe('renderKustomization', () => {
  it('merges a strategic patch by each list’s merge key, deletes with $patch, renames images, sets the namespace', () => {
    const dir = tree('overlay', {
      'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'base/deployment.yaml': DEPLOYMENT,
      'base/service.yaml': SERVICE,
      'overlay/kustomization.yaml': `namespace: prod
resources: [../base]
images: [{ name: example/app, newName: registry.example.com/app, newTag: '1.1' }]
patches: [{ path: scale.yaml }, { path: no-service.yaml }]
`,
      'overlay/scale.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          args: [serve, --fast]
          env: [{ name: B, value: '3' }, { name: C, value: '4' }]
          ports: [{ containerPort: 80, name: web }]
`,
      'overlay/no-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n$patch: delete\n',
    });
    const objects = renderKustomization(join(dir, 'overlay'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.namespace}`)).toEqual(['Deployment/web/prod']);
    const [deployment] = objects;
    expect((deployment.spec as { replicas: number }).replicas).toBe(3);
    const [app, sidecar] = podContainers(deployment);
    expect(app).toEqual({
      name: 'app',
      image: 'registry.example.com/app:1.1',
      args: ['serve', '--fast'],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '3' },
        { name: 'C', value: '4' },
      ],
      ports: [{ containerPort: 80, name: 'web' }],
    });
    expect(sidecar).toEqual({ name: 'sidecar', image: 'example/sidecar:2.0' });
  });

  it('refuses what it does not render rather than ignoring it', () => {
    const unsupported = tree('unsupported', {
      'kustomization.yaml': 'resources: [service.yaml]\ncommonLabels: { team: sre }\n',
      'service.yaml': SERVICE,
    });
    expect(() => renderKustomization(unsupported)).toThrow('unsupported fields commonLabels');
    const inline = tree('inline', {
      'kustomization.yaml': 'resources: [service.yaml]\npatches: [{ patch: "{}", target: { kind: Service } }]\n',
      'service.yaml': SERVICE,
    });
    expect(() => renderKustomization(inline)).toThrow('only patches given by path');
    const twoInOne = tree('two-in-one', {
      'kustomization.yaml': 'resources: [service.yaml]\npatches: [{ path: p.yaml }]\n',
      'service.yaml': SERVICE,
      'p.yaml': `${SERVICE}---\n${SERVICE}`,
    });
    expect(() => renderKustomization(twoInOne)).toThrow('a patch file holds one patch, found 2');
    const missing = tree('missing', {
      'kustomization.yaml': 'resources: [service.yaml]\npatches: [{ path: p.yaml }]\n',
      'service.yaml': SERVICE,
      'p.yaml': DEPLOYMENT,
    });
    expect(() => renderKustomization(missing)).toThrow('no Deployment web to patch');
  });

  it('splits image references with a registry port', () => {
    expect(splitImage('registry:5000/team/app:1.2')).toEqual(['registry:5000/team/app', '1.2']);
    expect(splitImage('registry:5000/team/app')).toEqual(['registry:5000/team/app', undefined]);
    expect(splitImage('app')).toEqual(['app', undefined]);
  });
});
