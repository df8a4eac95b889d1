/** Escapes LIKE/ILIKE wildcards so a searched text matches literally. */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
