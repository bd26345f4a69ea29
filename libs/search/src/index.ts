export * from './candidate-index';
export * from './meili';
export * from './taxonomy-index';
