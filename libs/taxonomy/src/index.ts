export * from './label-index';
export * from './metrics';
export * from './proximity';
export * from './similarity';
export * from './text';
export * from './core-skills';
export * from './licence-words';
