export * from './candidate-index';
export * from './meili';
