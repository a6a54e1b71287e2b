/**
 * Compacted JSON-LD → RDF quads for the subset of JSON-LD that credentials use, with term
 * definitions from fast-context.ts. Mirrors jsonld.js expansion (type-scoped context revert,
 * property-scoped contexts, type coercion) and toRDF (number canonicalisation, escaping).
 * Anything outside the subset throws `Unsupported`; the caller falls back to jsonld.
 */
import {
  Unsupported,
  emptyContext,
  expandIri,
  isAbsoluteIri,
  processContext,
  type ActiveContext,
  type ContextLookup,
  type TermDef
} from './fast-context.js'

const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const XSD_STRING = XSD + 'string'
const XSD_BOOLEAN = XSD + 'boolean'
const XSD_DOUBLE = XSD + 'double'
const XSD_INTEGER = XSD + 'integer'

/** A quad in the default graph; a number is a blank node (its index), a string a serialized term. */
export type Quad = { s: number | string; p: string; o: number | string }

export type RdfResult = { quads: Quad[]; blankNodes: number }

// --- N-Quads escaping, identical to rdf-canonize's NQuads serializer -----------------------
// eslint-disable-next-line no-control-regex
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g
// eslint-disable-next-line no-control-regex
const IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/
const ECHAR: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\'
}

export function escapeLiteral(s: string): string {
  return s.replace(
    LITERAL_ESCAPE,
    (c) => ECHAR[c] ?? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  )
}

function iriTerm(iri: string): string {
  // rdf-canonize would escape these; the fast path leaves such IRIs to it.
  if (IRI_UNSAFE.test(iri)) throw new Unsupported(`IRI with characters N-Quads escapes: ${iri}`)
  return `<${iri}>`
}

// Predicates and types repeat across documents (they come from the pinned contexts).
const iriTermCache = new Map<string, string>()
function cachedIriTerm(iri: string): string {
  let term = iriTermCache.get(iri)
  if (term === undefined) {
    term = iriTerm(iri)
    if (iriTermCache.size > 4096) iriTermCache.clear()
    iriTermCache.set(iri, term)
  }
  return term
}

function isDouble(v: number): boolean {
  return String(v).includes('.') || Math.abs(v) >= 1e21
}

/** jsonld toRDF's literal rules (value object → RDF literal), serialized. */
export function literalTerm(value: string | number | boolean, datatype: string | null): string {
  let lexical: string
  let dt: string
  if (typeof value === 'boolean') {
    lexical = value.toString()
    dt = datatype ?? XSD_BOOLEAN
  } else if ((typeof value === 'number' && isDouble(value)) || datatype === XSD_DOUBLE) {
    const n = typeof value === 'number' && isDouble(value) ? value : parseFloat(String(value))
    lexical = n.toExponential(15).replace(/(\d)0*e\+?/, '$1E')
    dt = datatype ?? XSD_DOUBLE
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0)
    dt = datatype ?? XSD_INTEGER
  } else {
    lexical = value
    dt = datatype ?? XSD_STRING
  }
  const quoted = `"${escapeLiteral(lexical)}"`
  return dt === XSD_STRING ? quoted : `${quoted}^^${iriTerm(dt)}`
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

type State = {
  lookup: ContextLookup
  quads: Quad[]
  blankNodes: number
}

// Duplicates across properties or nodes (e.g. one node given twice) are not merged here;
// the canonicalizer detects them and hands such documents to the full algorithm.
function emit(st: State, s: number | string, p: string, o: number | string): void {
  st.quads.push({ s, p, o })
}

function keywordOf(ctx: ActiveContext, key: string): string | null {
  if (key.startsWith('@')) return key
  const def = ctx.terms.get(key)
  return def !== undefined && def.iri.startsWith('@') ? def.iri : null
}

function valueToRdf(
  st: State,
  value: unknown,
  def: TermDef,
  ctx: ActiveContext,
  termCtx: ActiveContext,
  depth: number
): number | string {
  if (typeof value === 'string') {
    if (def.type === '@id') return iriTerm(expandIri(termCtx, value, false))
    if (def.type === '@vocab') return iriTerm(expandIri(termCtx, value, true))
    return literalTerm(value, def.type)
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    if (def.type === '@id' || def.type === '@vocab') throw new Unsupported('non-string IRI value')
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Unsupported('non-finite')
    return literalTerm(value, def.type)
  }
  if (isRecord(value)) return nodeToRdf(st, value, ctx, def, depth + 1)
  throw new Unsupported(Array.isArray(value) ? 'nested array' : 'null value')
}

function nodeToRdf(
  st: State,
  node: Record<string, unknown>,
  parentCtx: ActiveContext,
  viaProperty: TermDef | null,
  depth: number
): number | string {
  if (depth > 64) throw new Unsupported('nesting too deep')
  const keys = Object.keys(node)
  if (keys.length === 0) throw new Unsupported('empty node object')
  let ctx = parentCtx
  // jsonld applies the property-scoped context first, then reverts type-scoped contexts
  // (a subject reference {id} keeps them), then re-applies the property-scoped context.
  const termCtx =
    viaProperty?.hasScoped === true
      ? processContext(ctx, viaProperty.scoped, st.lookup, {
          propagate: true,
          overrideProtected: true
        })
      : ctx
  if (viaProperty !== null) {
    const onlyId = keys.length === 1 && keywordOf(termCtx, keys[0] ?? '') === '@id'
    if (termCtx.previous !== null && !onlyId) ctx = ctx.previous ?? ctx
    if (viaProperty.hasScoped) {
      ctx = processContext(ctx, viaProperty.scoped, st.lookup, {
        propagate: true,
        overrideProtected: true
      })
    }
  }
  const typeScoped = ctx
  const types: string[] = []
  let id: string | null = null
  const props: string[] = []
  for (const key of keys) {
    if (key === '@context') {
      if (viaProperty !== null) throw new Unsupported('embedded @context')
      continue
    }
    const kw = keywordOf(typeScoped, key)
    if (kw === '@type') {
      const v = node[key]
      const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : null
      if (list === null || list.length === 0 || !list.every((t) => typeof t === 'string')) {
        throw new Unsupported('@type must be strings')
      }
      types.push(...(list as string[]))
    } else if (kw === '@id') {
      const v = node[key]
      if (typeof v !== 'string' || id !== null) throw new Unsupported('@id must be one string')
      id = v
    } else if (kw !== null) {
      throw new Unsupported(`keyword ${kw}`)
    } else {
      props.push(key)
    }
  }
  const sortedTypes = types.length > 1 ? types.slice().sort() : types
  for (const t of sortedTypes) {
    const def = typeScoped.terms.get(t)
    if (def?.hasScoped === true) {
      ctx = processContext(ctx, def.scoped, st.lookup, {
        propagate: false,
        overrideProtected: false
      })
    }
  }
  if (viaProperty === null && props.length === 0 && types.length === 0) {
    throw new Unsupported('top-level node without properties')
  }
  const subject = id === null ? st.blankNodes++ : iriTerm(expandIri(ctx, id, false))
  for (const t of types) emit(st, subject, RDF_TYPE, cachedIriTerm(expandIri(typeScoped, t, true)))
  for (const key of props) {
    const def = ctx.terms.get(key)
    if (def === undefined) throw new Unsupported(`undefined term "${key}"`)
    if (def.container.length > 1 || (def.container.length === 1 && def.container[0] !== '@set')) {
      throw new Unsupported(`container ${def.container.join(',')} on "${key}"`)
    }
    if (def.type === '@json') throw new Unsupported('@json literal')
    if (!isAbsoluteIri(def.iri) || def.iri.startsWith('_:')) {
      throw new Unsupported(`property IRI ${def.iri}`)
    }
    const predicate = cachedIriTerm(def.iri)
    const termCtx = def.hasScoped
      ? processContext(ctx, def.scoped, st.lookup, { propagate: true, overrideProtected: true })
      : ctx
    const value = node[key]
    if (Array.isArray(value)) {
      // Repeated values in one array (e.g. a tag given twice) are one RDF triple.
      const seen = value.length > 1 ? new Set<number | string>() : null
      for (const item of value) {
        if (Array.isArray(item)) throw new Unsupported('nested array')
        const object = valueToRdf(st, item, def, ctx, termCtx, depth)
        if (seen !== null) {
          if (seen.has(object)) continue
          seen.add(object)
        }
        emit(st, subject, predicate, object)
      }
    } else {
      emit(st, subject, predicate, valueToRdf(st, value, def, ctx, termCtx, depth))
    }
  }
  return subject
}

const rootCache = new WeakMap<ContextLookup, Map<string, ActiveContext>>()

function rootContext(docContext: unknown, lookup: ContextLookup): ActiveContext {
  const urls = typeof docContext === 'string' ? [docContext] : docContext
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) {
    throw new Unsupported('@context must be a list of URLs')
  }
  let perLookup = rootCache.get(lookup)
  if (perLookup === undefined) {
    perLookup = new Map()
    rootCache.set(lookup, perLookup)
  }
  const key = (urls as string[]).join('\n')
  const cached = perLookup.get(key)
  if (cached !== undefined) return cached
  let ctx = emptyContext()
  for (const url of urls as string[]) {
    ctx = processContext(ctx, url, lookup, { propagate: true, overrideProtected: false })
  }
  perLookup.set(key, ctx)
  return ctx
}

/** The RDF dataset (default graph only) of a compacted JSON-LD document. */
export function documentToRdf(doc: unknown, lookup: ContextLookup): RdfResult {
  if (!isRecord(doc)) throw new Unsupported('document is not a JSON object')
  const ctx = rootContext(doc['@context'], lookup)
  const st: State = { lookup, quads: [], blankNodes: 0 }
  nodeToRdf(st, doc, ctx, null, 0)
  if (st.quads.length === 0) throw new Unsupported('no quads')
  return { quads: st.quads, blankNodes: st.blankNodes }
}
