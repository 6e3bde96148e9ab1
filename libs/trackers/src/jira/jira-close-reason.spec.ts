import { jiraCloseReason } from './jira-close-reason';

describe('jiraCloseReason', () => {
  it.each([
    ['new', null, null],
    ['indeterminate', 'Done', null],
    [undefined, "Won't Do", null],
    ['done', 'Done', 'completed'],
    ['done', 'Fixed', 'completed'],
    ['done', null, 'completed'],
    ['done', "Won't Do", 'not_planned'],
    ['done', "WON'T FIX", 'not_planned'],
    ['done', 'Won’t Do', 'not_planned'],
    ['done', 'declined', 'not_planned'],
    ['done', 'Duplicate', 'not_planned'],
    ['done', ' Cannot Reproduce ', 'not_planned'],
    ['done', 'Won Do', 'completed'],
  ] as const)('status category %s, resolution %j → %s', (category, resolution, expected) => {
    expect(jiraCloseReason(category, resolution)).toBe(expected);
  });
});
