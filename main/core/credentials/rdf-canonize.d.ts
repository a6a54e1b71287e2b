/** rdf-canonize (the RDFC-1.0 implementation jsonld uses) ships no type declarations. */
declare module 'rdf-canonize' {
  export function canonize(
    input: string,
    options: { algorithm: string; inputFormat: string; format: string }
  ): Promise<string>
}
