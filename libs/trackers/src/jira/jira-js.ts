import type * as JiraJs from 'jira.js';

export type JiraJsModule = typeof JiraJs;

let loading: Promise<JiraJsModule> | undefined;

/**
 * jira.js, loaded on first use. It ships as ES modules with an `import` condition only, and the
 * service is built as CommonJS, whose require() cannot load such a package: a static import would
 * stop the service from starting. import() can, once, when a Jira tracker is first called.
 */
export function loadJiraJs(): Promise<JiraJsModule> {
  return (loading ??= import('jira.js'));
}
