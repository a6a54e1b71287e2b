/**
 * A small JSON-LD 1.1 context processor for the subset of features the pinned credential
 * contexts use (term → IRI, @id/@type aliases, @type coercion, @container @set,
 * scoped @context, @protected). Anything outside that subset throws `Unsupported`, and the
 * caller falls back to the full jsonld algorithm, which then decides (and reports errors).
 * Results are cached per (active context, local context) object identity, so resolving the
 * same pinned contexts again costs a map lookup.
 */

export class Unsupported extends Error {
  constructor(why: string) {
    super(`fast JSON-LD path does not handle this document: ${why}`)
    this.name = 'Unsupported'
  }
}

export type TermDef = Readonly<{
  /** Absolute IRI, or the keyword '@id' / '@type' for aliases. */
  iri: string
  /** '@id' | '@vocab' | '@json' | a datatype IRI | null */
  type: string | null
  container: readonly string[]
  /** The raw scoped context, if any. */
  scoped: unknown
  hasScoped: boolean
  protected: boolean
}>

export type ActiveContext = {
  readonly terms: ReadonlyMap<string, TermDef>
  readonly previous: ActiveContext | null
  /** Memo of contexts derived from this one, by (propagate, overrideProtected). */
  readonly derived: ReadonlyArray<Map<unknown, ActiveContext>>
}

export type ContextLookup = (url: string) => object | null

const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/
const DEF_KEYS = new Set(['@id', '@type', '@container', '@context', '@protected'])
const CONTAINERS = new Set(['@set', '@graph', '@list', '@index', '@language', '@id', '@type'])

function newMemo(): Array<Map<unknown, ActiveContext>> {
  return [new Map(), new Map(), new Map(), new Map()]
}

export function emptyContext(): ActiveContext {
  return { terms: new Map(), previous: null, derived: newMemo() }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function isAbsoluteIri(v: string): boolean {
  return ABSOLUTE_IRI.test(v)
}

/**
 * JSON-LD IRI expansion for data values. `vocab` consults terms (for @type and @vocab values);
 * compact IRIs whose prefix is a defined term, blank node ids, relative IRIs and keywords
 * are not handled.
 */
export function expandIri(ctx: ActiveContext, value: string, vocab: boolean): string {
  if (value.startsWith('@')) throw new Unsupported(`keyword-like value "${value}"`)
  if (vocab) {
    const def = ctx.terms.get(value)
    if (def !== undefined) return def.iri
  }
  const colon = value.indexOf(':')
  if (colon < 0) throw new Unsupported(`relative IRI "${value}"`)
  const prefix = value.slice(0, colon)
  if (prefix === '_') throw new Unsupported(`blank node identifier "${value}"`)
  if (!value.startsWith('//', colon + 1) && ctx.terms.has(prefix)) {
    throw new Unsupported(`compact IRI "${value}"`)
  }
  if (!ABSOLUTE_IRI.test(value)) throw new Unsupported(`not an absolute IRI "${value}"`)
  return value
}

function sameDef(a: TermDef, b: TermDef): boolean {
  if (a.iri !== b.iri || a.type !== b.type || a.hasScoped !== b.hasScoped) return false
  if (a.container.length !== b.container.length) return false
  if (a.container.some((c, i) => c !== b.container[i])) return false
  return a.scoped === b.scoped || JSON.stringify(a.scoped) === JSON.stringify(b.scoped)
}

type Defining = {
  terms: Map<string, TermDef>
  local: Record<string, unknown>
  state: Map<string, boolean>
  overrideProtected: boolean
  localProtected: boolean
}

function expandForDefinition(d: Defining, value: string): string {
  if (Object.prototype.hasOwnProperty.call(d.local, value) && d.state.get(value) !== true) {
    defineTerm(d, value)
  }
  const def = d.terms.get(value)
  if (def !== undefined) return def.iri
  const colon = value.indexOf(':')
  if (colon < 0) throw new Unsupported(`relative IRI "${value}" in a context (no @vocab)`)
  const prefix = value.slice(0, colon)
  if (prefix === '_') throw new Unsupported('blank node IRI in a context')
  if (!value.startsWith('//', colon + 1)) {
    if (Object.prototype.hasOwnProperty.call(d.local, prefix) || d.terms.has(prefix)) {
      throw new Unsupported(`compact IRI "${value}" in a context`)
    }
  }
  if (!ABSOLUTE_IRI.test(value)) throw new Unsupported(`bad IRI "${value}" in a context`)
  return value
}

function defineTerm(d: Defining, term: string): void {
  const state = d.state.get(term)
  if (state === true) return
  if (state === false) throw new Unsupported(`cyclic term definition "${term}"`)
  d.state.set(term, false)
  if (term.startsWith('@') || term.includes(':') || term.includes('/')) {
    throw new Unsupported(`term "${term}"`)
  }
  const raw = d.local[term]
  const spec: Record<string, unknown> | null =
    typeof raw === 'string' ? { '@id': raw } : isRecord(raw) ? raw : null
  if (spec === null) throw new Unsupported(`term "${term}" is not a string or object`)
  for (const key of Object.keys(spec)) {
    if (!DEF_KEYS.has(key)) throw new Unsupported(`term "${term}" uses ${key}`)
  }
  const prot = spec['@protected'] ?? d.localProtected
  if (typeof prot !== 'boolean') throw new Unsupported('@protected must be boolean')

  const id = spec['@id']
  if (typeof id !== 'string') throw new Unsupported(`term "${term}" has no string @id`)
  let iri: string
  if (id === '@id' || id === '@type') iri = id
  else if (id.startsWith('@')) throw new Unsupported(`term "${term}" aliases ${id}`)
  else iri = expandForDefinition(d, id)

  let type: string | null = null
  if ('@type' in spec) {
    const t = spec['@type']
    if (typeof t !== 'string') throw new Unsupported(`term "${term}" @type`)
    if (t === '@id' || t === '@vocab' || t === '@json') type = t
    else if (t.startsWith('@')) throw new Unsupported(`term "${term}" @type ${t}`)
    else type = expandForDefinition(d, t)
  }

  let container: string[] = []
  if ('@container' in spec) {
    const c = spec['@container']
    const list = typeof c === 'string' ? [c] : Array.isArray(c) ? c : null
    if (list === null || !list.every((x) => typeof x === 'string' && CONTAINERS.has(x))) {
      throw new Unsupported(`term "${term}" @container`)
    }
    container = (list as string[]).slice().sort()
  }

  const def: TermDef = {
    iri,
    type,
    container,
    scoped: spec['@context'],
    hasScoped: '@context' in spec,
    protected: prot
  }
  const previous = d.terms.get(term)
  if (previous !== undefined && previous.protected && !d.overrideProtected) {
    // jsonld rejects a changed protected term; an identical one keeps the previous definition.
    if (!sameDef(previous, def)) throw new Unsupported(`protected term "${term}" redefined`)
  } else {
    d.terms.set(term, def)
  }
  d.state.set(term, true)
}

function applyLocal(
  terms: Map<string, TermDef>,
  local: unknown,
  lookup: ContextLookup,
  overrideProtected: boolean,
  depth: number
): void {
  if (depth > 8) throw new Unsupported('contexts nested too deeply')
  if (Array.isArray(local)) {
    for (const item of local) applyLocal(terms, item, lookup, overrideProtected, depth + 1)
    return
  }
  if (typeof local === 'string') {
    const doc = lookup(local)
    if (doc === null || !isRecord(doc)) throw new Unsupported(`unknown context ${local}`)
    applyLocal(terms, doc['@context'], lookup, overrideProtected, depth + 1)
    return
  }
  if (!isRecord(local)) throw new Unsupported('null or non-object context')
  for (const key of Object.keys(local)) {
    if (key === '@protected') {
      if (typeof local[key] !== 'boolean') throw new Unsupported('@protected must be boolean')
    } else if (key === '@version') {
      if (local[key] !== 1.1) throw new Unsupported('@version')
    } else if (key.startsWith('@')) {
      throw new Unsupported(`context keyword ${key}`)
    }
  }
  const d: Defining = {
    terms,
    local,
    state: new Map(),
    overrideProtected,
    localProtected: local['@protected'] === true
  }
  for (const term of Object.keys(local)) {
    if (!term.startsWith('@')) defineTerm(d, term)
  }
}

/**
 * JSON-LD Context Processing (subset): `local` over `active`. With propagate=false
 * (type-scoped contexts) the result remembers `active` as its previous context.
 */
export function processContext(
  active: ActiveContext,
  local: unknown,
  lookup: ContextLookup,
  options: { propagate: boolean; overrideProtected: boolean }
): ActiveContext {
  const memo = active.derived[(options.propagate ? 0 : 2) + (options.overrideProtected ? 0 : 1)]
  const cached = memo?.get(local)
  if (cached !== undefined) return cached
  const terms = new Map(active.terms)
  applyLocal(terms, local, lookup, options.overrideProtected, 0)
  const previous = !options.propagate && active.previous === null ? active : active.previous
  const result: ActiveContext = { terms, previous, derived: newMemo() }
  memo?.set(local, result)
  return result
}
