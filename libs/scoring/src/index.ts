export * from './features';
export * from './match-score';
export * from './skill-key';
export * from './weights';
