/**
 * Electron's fuse wire, read straight from a binary: the sentinel, a version byte, a length byte, then one ASCII
 * state per fuse ('0' off, '1' on, 'r' removed). @electron/fuses writes it; this reads it back independently.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

export interface FuseWire {
  version: number;
  wire: string;
}

export const readFuseWire = (binary: Buffer): FuseWire => {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('no fuse sentinel');
  if (binary.indexOf(FUSE_SENTINEL, at + 1, 'latin1') >= 0) throw new Error('more than one fuse sentinel');
  const start = at + FUSE_SENTINEL.length;
  const length = binary[start + 1] ?? 0;
  return { version: binary[start] ?? 0, wire: binary.subarray(start + 2, start + 2 + length).toString('latin1') };
};

/** Bytes that carry a fuse wire, as Electron's binary does somewhere in its data section. */
export const fuseWireBytes = (wire: string, version = 1): Buffer =>
  Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([version, wire.length]), Buffer.from(wire, 'latin1')]);
