/**
 * Until the taxonomy resolves skills to ESCO ids, a skill is known by its normalised label: Unicode NFC,
 * lower case, single spaces. "MIG  Welding" and "mig welding" are the same skill.
 */
export function skillKey(label: string): string {
  return label.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
}
