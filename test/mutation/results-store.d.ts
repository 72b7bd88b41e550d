export function restore(store?: string, report?: string): string;
export function save(store?: string, report?: string): string;
