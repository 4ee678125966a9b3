import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEmbedded } from '../../src/main/core/transfer/metadata.ts';
import { DC_NS, parseXmp, xmpItems, xmpLangAlt, xmpPacket, xmpProperty } from '../../src/main/core/transfer/xmpDom.ts';
import { buildXmp, LAGOON_XMP_NS, readXmp } from '../../src/main/core/transfer/xmpPacket.ts';

/** Files whose XMP exiftool wrote (see fixtures/xmp/make-fixtures.sh): other prefixes, quoting and layouts than ours. */
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/xmp/${name}`, import.meta.url));
const SHA = 'ab'.repeat(32);

describe('XMP read with a namespace-aware XML parser', () => {
  it("reads Lagoon's fields that exiftool wrote as attributes under another prefix", () => {
    const meta = readEmbedded(fixture('shorthand.jpg'));
    expect(meta.lagoon).toEqual({
      id: '3b0d8c1e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      createdAt: Date.UTC(2025, 4, 6, 7, 8, 9),
      model: 'venice-sd35',
      endpoint: 'native',
      sha256: SHA,
      request: { model: 'venice-sd35', prompt: 'a heron & a "boat" <at dawn>', seed: 7 },
      prompt: 'a heron & a "boat" <at dawn>',
    });
    expect(meta.description).toBe('a heron & a "boat" <at dawn>');
  });

  it('reads elements exiftool wrote, and the x-default entry of a language alternative', () => {
    const meta = readEmbedded(fixture('elements.png'));
    expect(meta.lagoon).toEqual({ model: 'venice-sd35', request: { prompt: 'a heron' }, prompt: 'a heron' });
    expect(meta.description).toBe('ein Reiher');
  });

  it('reads back every field Lagoon writes, escapes included', () => {
    const prompt = 'a & b < c > "d" \'e\' ]]> </lagoon:request>\r\n🌅';
    const request = { prompt, seed: 1 };
    const read = readXmp(buildXmp({ id: 'x', createdAt: 0, prompt, model: 'm', endpoint: 'native', sha256: SHA, request }));
    expect(read.lagoon).toEqual({ id: 'x', createdAt: 0, model: 'm', endpoint: 'native', sha256: SHA, request, prompt });
    expect(read.description).toBe(prompt);
  });

  it("ignores a 'lagoon' prefix bound to another namespace, and finds ours under any prefix", () => {
    const decoy = xmpPacket({ lagoon: 'https://example.invalid/other/' }, '   <lagoon:model>decoy</lagoon:model>\n');
    expect(readXmp(decoy).lagoon).toBeNull();
    const renamed = xmpPacket({ q: LAGOON_XMP_NS }, '   <q:model>real</q:model>\n');
    expect(readXmp(renamed).lagoon).toEqual({ model: 'real' });
  });

  it('yields nothing from a packet that is not well-formed', () => {
    expect(readXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>')).toEqual({ lagoon: null });
    expect(readXmp('not xml at all')).toEqual({ lagoon: null });
  });

  // The regex reader's shape: an unclosed `<dc:description ` repeated made it scan the rest of the text each time.
  it.each([
    ['repeated open dc:description', '<dc:description '.repeat(65_536)],
    ['deeply nested elements', '<a>'.repeat(60_000)],
    ['open attributes', `<x:xmpmeta xmlns:x="adobe:ns:meta/" ${'a="'.repeat(300_000)}`],
  ])('reads a hostile 1 MB packet (%s) as nothing', (_name, body) => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:dc="${DC_NS}">${body}`;
    expect(readXmp(xmp)).toEqual({ lagoon: null });
  });

  it('refuses a packet over the size cap without parsing it', () => {
    const big = xmpPacket({ dc: DC_NS }, `<dc:title>${'x'.repeat(1024 * 1024)}</dc:title>`);
    expect(parseXmp(big)).toBeNull();
  });

  it('offers the small API the lineage fields build on: simple, list and language-alternative properties', () => {
    const doc = parseXmp(
      xmpPacket(
        { dc: DC_NS, l: LAGOON_XMP_NS },
        '<dc:subject><rdf:Bag><rdf:li>heron</rdf:li><rdf:li>boat</rdf:li></rdf:Bag></dc:subject>\n<l:parent>p1</l:parent>\n',
      ),
    );
    expect(doc).not.toBeNull();
    expect(xmpItems(doc!, DC_NS, 'subject').map((i) => i.text)).toEqual(['heron', 'boat']);
    expect(xmpProperty(doc!, LAGOON_XMP_NS, 'parent')).toBe('p1');
    expect(xmpLangAlt(doc!, DC_NS, 'title')).toBeUndefined();
  });
});
