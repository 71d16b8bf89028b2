// stopword ships no types; this is the part link suggestions use (ISO 639-3 keyed word lists).
declare module "stopword" {
  export const deu: string[];
  export const eng: string[];
  export const rus: string[];
}
