/**
 * The XMP packet Lagoon embeds: the prompt as dc:description (what image browsers and DAMs show), and under
 * Lagoon's own namespace the exact request as sent, so an import restores it. Read back with the namespace-aware
 * parser in xmpDom.ts: other tools that rewrite XMP may rename the prefix or turn the fields into attributes.
 */
import type { Document } from '@xmldom/xmldom';
import { LINEAGE_NAMESPACES, lineageElements, readXmpLineage, type ReadLineage, type XmpLineage } from './xmpLineage.ts';
import { DC_NS, escapeXml, parseXmp, usesNamespace, xmpLangAlt, xmpPacket, xmpProperty, XMP_NS } from './xmpDom.ts';

export const LAGOON_XMP_NS = 'https://lagoon.invalid/xmp/1.0/';

export interface LagoonXmp {
  id: string;
  /** ms since epoch */
  createdAt: number;
  prompt: string;
  model: string;
  endpoint: string;
  /** Of the library's original file, so re-importing an exported copy is recognised as a duplicate. */
  sha256: string;
  /** The body sent to Venice; omitted only when it would not fit (a JPEG segment holds 64 KiB). */
  request?: Record<string, unknown>;
  /** Its parents and history, as xmpMM (DocumentID, InstanceID, DerivedFrom, Ingredients, History). */
  lineage?: XmpLineage;
}

/** JSON text that is also valid XML text once escaped: the two non-characters JSON leaves raw become \u escapes. */
const xmlSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\uFFFE\uFFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

const lagoonElement = (name: string, value: string): string => `   <lagoon:${name}>${escapeXml(value)}</lagoon:${name}>\n`;

export function buildXmp(fields: LagoonXmp): string {
  const created = new Date(fields.createdAt).toISOString();
  return xmpPacket(
    { dc: DC_NS, xmp: XMP_NS, lagoon: LAGOON_XMP_NS, ...(fields.lineage ? LINEAGE_NAMESPACES : {}) },
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.prompt)}</rdf:li></rdf:Alt></dc:description>\n` +
      '   <xmp:CreatorTool>Lagoon</xmp:CreatorTool>\n' +
      `   <xmp:CreateDate>${created}</xmp:CreateDate>\n` +
      lagoonElement('id', fields.id) +
      lagoonElement('created', created) +
      lagoonElement('model', fields.model) +
      lagoonElement('endpoint', fields.endpoint) +
      lagoonElement('sha256', fields.sha256) +
      (fields.request ? lagoonElement('request', xmlSafeJson(fields.request)) : '') +
      lineageElements(fields.id, fields.sha256, fields.lineage),
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lagoon's fields, read by namespace URI (whatever prefix a rewriting tool gave them). */
function lagoonFields(doc: Document, description: string | undefined): Partial<LagoonXmp> {
  const field = (name: string): string | undefined => xmpProperty(doc, LAGOON_XMP_NS, name);
  const out: Partial<LagoonXmp> = {};
  const id = field('id');
  if (id) out.id = id;
  const created = Date.parse(field('created') ?? '');
  if (Number.isFinite(created)) out.createdAt = created;
  const model = field('model');
  if (model) out.model = model;
  const endpoint = field('endpoint');
  if (endpoint) out.endpoint = endpoint;
  const sha256 = field('sha256');
  if (sha256 && /^[0-9a-f]{64}$/u.test(sha256)) out.sha256 = sha256;
  const requestJson = field('request');
  if (requestJson) {
    try {
      const request: unknown = JSON.parse(requestJson);
      if (isPlainObject(request)) out.request = request;
    } catch {
      // A damaged request field still leaves the prompt and model usable.
    }
  }
  const prompt = typeof out.request?.prompt === 'string' ? out.request.prompt : description;
  if (prompt) out.prompt = prompt;
  return out;
}

export interface XmpRead {
  /** Lagoon's fields when the packet has any in Lagoon's namespace, else null. */
  lagoon: Partial<LagoonXmp> | null;
  /** xmpMM parents (DerivedFrom, Ingredients) when the packet names any. */
  lineage?: ReadLineage;
  /** The x-default (or first) dc:description: where other tools put a caption or prompt. */
  description?: string;
}

/** Reads a packet; one that is not well-formed XML (or over MAX_XMP_CHARS) yields nothing. */
export function readXmp(xmp: string): XmpRead {
  const doc = parseXmp(xmp);
  if (!doc) return { lagoon: null };
  const description = xmpLangAlt(doc, DC_NS, 'description');
  const lagoon = usesNamespace(doc, LAGOON_XMP_NS) ? lagoonFields(doc, description) : null;
  const lineage = readXmpLineage(doc);
  return { lagoon, ...(description === undefined ? {} : { description }), ...(lineage.parents.length > 0 ? { lineage } : {}) };
}
