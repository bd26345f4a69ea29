// Integration and e2e tests wait on real services (Meilisearch tasks, BullMQ jobs); unit tests keep jest's 5 s.
jest.setTimeout(120_000);
