/**
 * Words in a reflection, counted the same way by the kernel widget, the front end and the
 * design record: whitespace-separated tokens holding a letter or digit, so a formula's
 * operators are not words ("P_fleet = P_node^N" is 2) and neither is a lone dash.
 */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}
