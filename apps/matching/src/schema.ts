/** The PostgreSQL schema matching owns. Raw SQL names it explicitly; MikroORM does not set search_path. */
export const MATCHING_SCHEMA = 'matching';
