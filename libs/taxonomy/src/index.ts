export * from './everyday-set';
export * from './label-index';
export * from './metrics';
export * from './proximity';
export * from './similarity';
export * from './text';
