export * from './duration';
export * from './goal';
