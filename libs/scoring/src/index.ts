export * from './duration';
export * from './goal';
export * from './scoring.types';
