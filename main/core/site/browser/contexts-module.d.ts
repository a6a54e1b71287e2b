/** Virtual module provided by the esbuild plugin in verifier-bundle.ts: the pinned JSON-LD contexts. */
declare module 'kiln:contexts' {
  const contexts: Record<string, object>
  export default contexts
}
