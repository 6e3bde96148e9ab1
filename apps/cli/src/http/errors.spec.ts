import { describe, expect, it } from '@jest/globals';
import { fieldOf } from './errors';

describe('fieldOf', () => {
  it('reads the field path a validation message starts with', () => {
    expect(fieldOf('dueAt: must not be before openedAt')).toBe('dueAt');
    expect(fieldOf('title must be shorter than or equal to 200 characters')).toBe('title');
    expect(fieldOf('timeline.0.at must be a date-time with a zone')).toBe('timeline.0.at');
    expect(fieldOf('selector.denominator.metric: required')).toBe('selector.denominator.metric');
    expect(fieldOf('property colour should not exist')).toBe('colour');
  });
});
