/**
 * The XMP packet Lagoon embeds: the prompt as dc:description (what image browsers and DAMs show), and under
 * Lagoon's own namespace the exact request as sent, so an import restores it. Read back with string scanning
 * rather than a full XML parser: the fields are ours, flat and escaped by us, and other tools that rewrite XMP keep
 * them as either child elements or attributes, both of which are handled.
 */

export const LAGOON_XMP_NS = 'https://lagoon.invalid/xmp/1.0/';
const PACKET_ID = 'W5M0MpCehiHzreSzNTczkc9d';

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
}

/** Characters XML 1.0 cannot carry at all, even as references. */
// oxlint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

const escapeXml = (s: string): string =>
  s
    .toWellFormed()
    .replace(XML_INVALID, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    // A raw CR would be normalised to LF by every XML parser.
    .replace(/\r/gu, '&#13;');

const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/giu, (whole, ref: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/** JSON text that is also valid XML text once escaped: the two non-characters JSON leaves raw become \u escapes. */
const xmlSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\uFFFE\uFFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

export function buildXmp(fields: LagoonXmp): string {
  const created = new Date(fields.createdAt).toISOString();
  const lagoon = (name: string, value: string): string => `   <lagoon:${name}>${escapeXml(value)}</lagoon:${name}>\n`;
  return (
    `<?xpacket begin="\uFEFF" id="${PACKET_ID}"?>\n` +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '  <rdf:Description rdf:about=""\n' +
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n' +
    `    xmlns:lagoon="${LAGOON_XMP_NS}">\n` +
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.prompt)}</rdf:li></rdf:Alt></dc:description>\n` +
    '   <xmp:CreatorTool>Lagoon</xmp:CreatorTool>\n' +
    `   <xmp:CreateDate>${created}</xmp:CreateDate>\n` +
    lagoon('id', fields.id) +
    lagoon('created', created) +
    lagoon('model', fields.model) +
    lagoon('endpoint', fields.endpoint) +
    lagoon('sha256', fields.sha256) +
    (fields.request ? lagoon('request', xmlSafeJson(fields.request)) : '') +
    '  </rdf:Description>\n' +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    '<?xpacket end="w"?>'
  );
}

const escapeRegExp = (s: string): string => s.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&');

/** A simple property written as `<p:name>text</p:name>` or as the attribute `p:name="text"`. */
const property = (xmp: string, prefix: string, name: string): string | undefined => {
  const qname = `${prefix}:${name}`;
  const open = new RegExp(`<${escapeRegExp(qname)}(?:\\s[^>]*)?>`, 'u').exec(xmp);
  if (open) {
    const start = open.index + open[0].length;
    const end = xmp.indexOf(`</${qname}>`, start);
    if (end >= 0) return unescapeXml(xmp.slice(start, end));
  }
  const attribute = new RegExp(`\\s${escapeRegExp(qname)}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'u').exec(xmp);
  const value = attribute?.[1] ?? attribute?.[2];
  return value === undefined ? undefined : unescapeXml(value);
};

/** The x-default (or first) entry of dc:description, which is where other tools put a caption or prompt. */
export function readXmpDescription(xmp: string): string | undefined {
  const match = /<dc:description\b[^>]*>\s*<rdf:Alt\b[^>]*>\s*<rdf:li\b[^>]*>([^<]*)<\/rdf:li>/u.exec(xmp);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lagoon's fields if the packet declares Lagoon's namespace (under whatever prefix), else null. */
export function readLagoonXmp(xmp: string): Partial<LagoonXmp> | null {
  const declared = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRegExp(LAGOON_XMP_NS)}["']`, 'u').exec(xmp);
  const prefix = declared?.[1];
  if (!prefix) return null;
  const out: Partial<LagoonXmp> = {};
  const id = property(xmp, prefix, 'id');
  if (id) out.id = id;
  const created = Date.parse(property(xmp, prefix, 'created') ?? '');
  if (Number.isFinite(created)) out.createdAt = created;
  const model = property(xmp, prefix, 'model');
  if (model) out.model = model;
  const endpoint = property(xmp, prefix, 'endpoint');
  if (endpoint) out.endpoint = endpoint;
  const sha256 = property(xmp, prefix, 'sha256');
  if (sha256 && /^[0-9a-f]{64}$/u.test(sha256)) out.sha256 = sha256;
  const requestJson = property(xmp, prefix, 'request');
  if (requestJson) {
    try {
      const request: unknown = JSON.parse(requestJson);
      if (isPlainObject(request)) out.request = request;
    } catch {
      // A damaged request field still leaves the prompt and model usable.
    }
  }
  const prompt = typeof out.request?.prompt === 'string' ? out.request.prompt : readXmpDescription(xmp);
  if (prompt) out.prompt = prompt;
  return out;
}
