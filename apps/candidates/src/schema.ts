/** The candidates service's own PostgreSQL schema; raw SQL must name it (see the README's conventions). */
export const CANDIDATES_SCHEMA = 'candidates';
