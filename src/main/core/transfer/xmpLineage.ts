import type { Document, Element } from '@xmldom/xmldom';
import { escapeXml, RDF_NS } from './xmpDom.ts';

/**
 * An image's family in XMP Media Management, where other tools look for it: xmpMM:DocumentID and InstanceID name
 * the image (by Lagoon id and content hash), xmpMM:DerivedFrom points at the base parent, xmpMM:Ingredients lists
 * every parent in order, and xmpMM:History holds one event per operation from the first ancestor on. Read back by
 * namespace URI, so a tool that renamed the prefixes or rewrote the packet is still understood.
 */
const XMP_MM_NS = 'http://ns.adobe.com/xap/1.0/mm/';
const ST_REF_NS = 'http://ns.adobe.com/xap/1.0/sType/ResourceRef#';
const ST_EVT_NS = 'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#';
export const LINEAGE_NAMESPACES = { xmpMM: XMP_MM_NS, stRef: ST_REF_NS, stEvt: ST_EVT_NS } as const;

export interface XmpLineage {
  parents: ReadonlyArray<{ id: string | null; sha256: string; role: string }>;
  /** Oldest first: how the image and its ancestors were made. */
  history: ReadonlyArray<{ operation: string; id: string | null; sha256: string; at: number | null }>;
}

const documentId = (id: string): string => `xmp.did:lagoon:${id}`;
const instanceId = (sha256: string): string => `xmp.iid:lagoon:${sha256}`;

const ref = (p: { id: string | null; sha256: string }): string =>
  (p.id ? `<stRef:documentID>${escapeXml(documentId(p.id))}</stRef:documentID>` : '') +
  `<stRef:instanceID>${escapeXml(instanceId(p.sha256))}</stRef:instanceID>`;

const event = (e: XmpLineage['history'][number]): string =>
  `<rdf:li rdf:parseType="Resource"><stEvt:action>${e.operation === 'generate' ? 'created' : 'derived'}</stEvt:action>` +
  `<stEvt:parameters>${escapeXml(e.operation)}</stEvt:parameters>` +
  `<stEvt:instanceID>${escapeXml(instanceId(e.sha256))}</stEvt:instanceID>` +
  (e.at === null ? '' : `<stEvt:when>${new Date(e.at).toISOString()}</stEvt:when>`) +
  '<stEvt:softwareAgent>Lagoon</stEvt:softwareAgent></rdf:li>';

/** The xmpMM property elements of a derived image (nothing for an original). */
export const lineageElements = (id: string, sha256: string, lineage: XmpLineage | undefined): string => {
  if (!lineage) return '';
  let out = `   <xmpMM:DocumentID>${escapeXml(documentId(id))}</xmpMM:DocumentID>\n   <xmpMM:InstanceID>${escapeXml(instanceId(sha256))}</xmpMM:InstanceID>\n`;
  const [base] = lineage?.parents ?? [];
  if (base) out += `   <xmpMM:DerivedFrom rdf:parseType="Resource">${ref(base)}</xmpMM:DerivedFrom>\n`;
  if (lineage && lineage.parents.length > 0) {
    out += `   <xmpMM:Ingredients><rdf:Bag>${lineage.parents.map((p) => `<rdf:li rdf:parseType="Resource">${ref(p)}</rdf:li>`).join('')}</rdf:Bag></xmpMM:Ingredients>\n`;
  }
  if (lineage && lineage.history.length > 0) out += `   <xmpMM:History><rdf:Seq>${lineage.history.map(event).join('')}</rdf:Seq></xmpMM:History>\n`;
  return out;
};

const text = (el: Element | undefined, ns: string, name: string): string | undefined => el?.getElementsByTagNameNS(ns, name)[0]?.textContent ?? undefined;

const refOf = (el: Element): { documentId?: string; instanceId?: string } => {
  const documentID = text(el, ST_REF_NS, 'documentID') ?? el.getAttributeNS(ST_REF_NS, 'documentID') ?? undefined;
  const instanceID = text(el, ST_REF_NS, 'instanceID') ?? el.getAttributeNS(ST_REF_NS, 'instanceID') ?? undefined;
  return { ...(documentID ? { documentId: documentID } : {}), ...(instanceID ? { instanceId: instanceID } : {}) };
};

export interface ReadLineage {
  documentId?: string;
  /** DerivedFrom first, then any other ingredient, each by document and/or instance id. */
  parents: Array<{ documentId?: string; instanceId?: string }>;
  /** The last History event's stEvt:parameters: the operation that made this image, as Lagoon writes it. */
  operation?: string;
}

/** xmpMM as any tool wrote it: elements or attributes, under any prefix. */
export const readXmpLineage = (doc: Document): ReadLineage => {
  const own = doc.getElementsByTagNameNS(XMP_MM_NS, 'DocumentID')[0]?.textContent ?? undefined;
  const parents: ReadLineage['parents'] = [];
  const seen = new Set<string>();
  const add = (r: { documentId?: string; instanceId?: string }): void => {
    const key = `${r.documentId ?? ''}|${r.instanceId ?? ''}`;
    if (key !== '|' && !seen.has(key)) {
      seen.add(key);
      parents.push(r);
    }
  };
  const derived = doc.getElementsByTagNameNS(XMP_MM_NS, 'DerivedFrom')[0];
  if (derived) add(refOf(derived));
  const ingredients = doc.getElementsByTagNameNS(XMP_MM_NS, 'Ingredients')[0];
  for (const li of Array.from(ingredients?.getElementsByTagNameNS(RDF_NS, 'li') ?? [])) add(refOf(li));
  const events = Array.from(doc.getElementsByTagNameNS(XMP_MM_NS, 'History')[0]?.getElementsByTagNameNS(RDF_NS, 'li') ?? []);
  const operation = text(events.at(-1), ST_EVT_NS, 'parameters');
  return { ...(own ? { documentId: own } : {}), parents, ...(operation ? { operation } : {}) };
};

/** The Lagoon id in a document id this module wrote, else null (another tool's id). */
export const lagoonIdOf = (documentIdText: string | undefined): string | null => /^xmp\.did:lagoon:([0-9a-f-]{36})$/.exec(documentIdText ?? '')?.[1] ?? null;
/** The content hash in an instance id this module wrote, else null. */
export const sha256Of = (instanceIdText: string | undefined): string | null => /^xmp\.iid:lagoon:([0-9a-f]{64})$/.exec(instanceIdText ?? '')?.[1] ?? null;
