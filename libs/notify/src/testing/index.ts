// Test helpers, kept out of the main entry so production code cannot import them by accident.
export * from './fake-sms-provider';
export * from './smtp-server';
