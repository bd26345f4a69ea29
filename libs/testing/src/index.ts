export * from './env';
export * from './factories';
export * from './system';
export * from './wait';
