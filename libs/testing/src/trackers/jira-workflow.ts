/** The fake site's one workflow: To Do → In Progress → Done, with a configurable reopen. */
export type JiraStatusName = 'To Do' | 'In Progress' | 'Done';

export interface JiraStatusCategory {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  name: string;
  colorName: string;
}

export const JIRA_STATUSES: Record<JiraStatusName, { id: string; category: JiraStatusCategory }> = {
  'To Do': { id: '10000', category: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' } },
  'In Progress': { id: '3', category: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' } },
  Done: { id: '10001', category: { id: 3, key: 'done', name: 'Done', colorName: 'green' } },
};

/** Jira Cloud's default resolutions, plus Declined as service-management sites have it. */
export const JIRA_RESOLUTIONS: Record<string, string> = {
  Done: '10000',
  "Won't Do": '10001',
  Duplicate: '10002',
  'Cannot Reproduce': '10003',
  Declined: '10004',
};

export interface JiraWorkflowTransition {
  id: string;
  name: string;
  from: JiraStatusName[];
  to: JiraStatusName;
}

/** The transitions; the reopen one is named as the site configures it, or absent (null). */
export function jiraTransitions(reopenName: string | null): JiraWorkflowTransition[] {
  const transitions: JiraWorkflowTransition[] = [
    { id: '11', name: 'Start Progress', from: ['To Do'], to: 'In Progress' },
    { id: '21', name: 'Done', from: ['To Do', 'In Progress'], to: 'Done' },
    { id: '31', name: 'Stop Progress', from: ['In Progress'], to: 'To Do' },
  ];
  if (reopenName !== null) transitions.push({ id: '41', name: reopenName, from: ['Done'], to: 'To Do' });
  return transitions;
}
