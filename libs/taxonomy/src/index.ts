export * from './label-index';
export * from './metrics';
export * from './proximity';
export * from './similarity';
export * from './text';
export * from './title-index';
export * from './title-noise';
