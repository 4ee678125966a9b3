import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/**
 * Reading and writing XMP packets with a real, namespace-aware XML parser (@xmldom/xmldom): properties are matched
 * by namespace URI and local name, never by prefix or by regex, so a packet rewritten by exiftool, Lightroom or
 * darktable (other prefixes, attribute form, other whitespace) reads the same, and a hostile packet cannot make the
 * reader backtrack. xmldom was chosen over saxes after timing both on hostile input: saxes, which keeps going after
 * errors, took minutes on 100k nested prefixed elements; xmldom stops at the first fatal error and stays linear.
 */

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const XMP_NS = 'http://ns.adobe.com/xap/1.0/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Far above any real packet (JPEG's own segment holds 64 KiB); larger text is not read as XMP at all. */
const MAX_XMP_CHARS = 1024 * 1024;

/** Characters XML 1.0 cannot carry at all, even as references. */
// oxlint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

/** Text safe inside an element or a double-quoted attribute. */
export const escapeXml = (s: string): string =>
  s
    .toWellFormed()
    .replace(XML_INVALID, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    // A raw CR would be normalised to LF by every XML parser.
    .replace(/\r/gu, '&#13;');

const failOnError = (level: 'warning' | 'error' | 'fatalError', message: string): void => {
  if (level !== 'warning') throw new Error(message);
};

/**
 * The packet as a DOM, or null when it is too large or not well-formed XML. Trailing NULs (some writers pad the
 * JPEG segment) are ignored.
 */
export function parseXmp(xmp: string): Document | null {
  if (xmp.length > MAX_XMP_CHARS) return null;
  try {
    const doc = new DOMParser({ onError: failOnError }).parseFromString(xmp.replace(/\0+$/u, ''), 'text/xml');
    return doc.documentElement ? doc : null;
  } catch {
    return null;
  }
}

/** Every rdf:Description in the packet (XMP may split properties over several). */
const descriptions = (doc: Document): Element[] => Array.from(doc.getElementsByTagNameNS(RDF_NS, 'Description'));

/** Whether any element or attribute of the packet is in namespace `ns`. */
export function usesNamespace(doc: Document, ns: string): boolean {
  if (doc.getElementsByTagNameNS(ns, '*').length > 0) return true;
  return descriptions(doc).some((d) => Array.from(d.attributes).some((a) => a.namespaceURI === ns));
}

/** A simple property, written either as an element `<p:name>text</p:name>` or as an attribute `p:name="text"`. */
export function xmpProperty(doc: Document, ns: string, name: string): string | undefined {
  const element = doc.getElementsByTagNameNS(ns, name)[0];
  if (element) return element.textContent ?? undefined;
  for (const description of descriptions(doc)) {
    if (description.hasAttributeNS(ns, name)) return description.getAttributeNS(ns, name) ?? undefined;
  }
  return undefined;
}

/** The items of an rdf:Alt, rdf:Seq or rdf:Bag property, in order (each with its xml:lang, if any). */
export function xmpItems(doc: Document, ns: string, name: string): Array<{ text: string; lang: string | null }> {
  const element = doc.getElementsByTagNameNS(ns, name)[0];
  if (!element) return [];
  return Array.from(element.getElementsByTagNameNS(RDF_NS, 'li')).map((li) => ({
    text: li.textContent ?? '',
    lang: li.getAttributeNS(XML_NS, 'lang'),
  }));
}

/** A language alternative's x-default entry (else its first); a bare text value is taken as is. */
export function xmpLangAlt(doc: Document, ns: string, name: string): string | undefined {
  const items = xmpItems(doc, ns, name);
  if (items.length > 0) return (items.find((i) => i.lang === 'x-default') ?? items[0])?.text;
  return xmpProperty(doc, ns, name);
}

/**
 * A whole packet around one rdf:Description: `namespaces` are declared on it (prefix → URI) and `body` is its
 * property elements, already escaped with `escapeXml`. The wrapper is the standard one (xpacket, x:xmpmeta).
 */
export function xmpPacket(namespaces: Readonly<Record<string, string>>, body: string): string {
  const declarations = Object.entries(namespaces)
    .map(([prefix, uri]) => `\n    xmlns:${prefix}="${escapeXml(uri)}"`)
    .join('');
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    ` <rdf:RDF xmlns:rdf="${RDF_NS}">\n` +
    `  <rdf:Description rdf:about=""${declarations}>\n` +
    body +
    '  </rdf:Description>\n' +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    '<?xpacket end="w"?>'
  );
}
