import { describe, expect, it } from '@jest/globals';
import { githubCloseReason, jiraCloseReason } from './close-reason';

describe('githubCloseReason', () => {
  it.each([
    ['completed', 'completed'],
    ['not_planned', 'not_planned'],
    ['duplicate', 'not_planned'],
    ['reopened', null],
    [null, null],
    [undefined, null],
    ['something_new', null],
    [42, null],
  ])('%j → %s', (stateReason, reason) => {
    expect(githubCloseReason(stateReason)).toBe(reason);
  });
});

describe('jiraCloseReason', () => {
  it.each([
    ['Done', 'completed'],
    ['Fixed', 'completed'],
    ['Resolved', 'completed'],
    ['Complete', 'completed'],
    ['Completed', 'completed'],
    ['  done ', 'completed'],
    ["Won't Do", 'not_planned'],
    ["Won't Fix", 'not_planned'],
    ['Won’t Do', 'not_planned'],
    ['Wont Fix', 'not_planned'],
    ["won't  do", 'not_planned'],
    ['Duplicate', 'not_planned'],
    ['Cannot Reproduce', 'not_planned'],
    ["Can't Reproduce", 'not_planned'],
    ['Incomplete', 'not_planned'],
    ['Declined', 'not_planned'],
    ['Rejected', 'not_planned'],
    ['Obsolete', 'not_planned'],
    ['Not a Bug', 'not_planned'],
    ['Abandoned', 'not_planned'],
    ['Shipped to prod', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %s', (name, reason) => {
    expect(jiraCloseReason(name)).toBe(reason);
  });
});
