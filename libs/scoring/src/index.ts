export * from './score';
export * from './skill-key';
