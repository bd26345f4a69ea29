/** The PostgreSQL schema the taxonomy service owns. Raw SQL must name it: the search path is not set. */
export const TAXONOMY_SCHEMA = 'taxonomy';
