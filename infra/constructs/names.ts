/** Construct ids from catalog names: `content-api` becomes `ContentApi`. */
export const pascal = (name: string): string =>
  name
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
