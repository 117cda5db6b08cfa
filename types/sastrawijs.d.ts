// sastrawijs 1.1.0 ships typings at dist/index.d.ts but its package.json "exports" map has no "types"
// condition, so TypeScript (moduleResolution Bundler) cannot find them. This declares the part we use.
declare module 'sastrawijs' {
  export class Stemmer {
    constructor(dictionary?: string[]);
    /** Reduces a lower-case Indonesian word to its root, using the built-in dictionary. */
    stem(word: string): string;
    /** Whether a word is a root in the dictionary. */
    find(word: string): boolean;
  }
  export class Tokenizer {
    tokenize(sentence: string): string[];
  }
}
