export * from './migrate';
export * from './orm-config';
export * from './outbox';
export * from './outbox.entity';
export * from './test-database';
export * from './persistence.module';
