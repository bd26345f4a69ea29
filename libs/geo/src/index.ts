export * from './attribution';
export * from './distance';
export * from './fold';
export * from './gazetteer';
export * from './place';
