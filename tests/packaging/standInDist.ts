import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuseWireBytes } from './fuseWire.ts';

/**
 * Every fuse the opposite of what electron-builder.yml asks for, except index 6 (the V8 snapshot fuse, which the
 * config leaves alone): after packaging, each position can only be right if @electron/fuses flipped it.
 */
export const STAND_IN_INITIAL_WIRE = '10110001';

/**
 * A stand-in for Electron's unpacked Linux distribution (the folder `electronDist` points electron-builder at): an
 * `electron` executable that carries a real fuse wire, so packaging flips fuses as it does on Electron's binary.
 * The executable is a shell script that refuses to run: only the packaging is real here, the boot is done under
 * Node with the stand-in `electron` module (electronStandIn/).
 */
export const makeStandInDist = (dir: string, electronVersion: string): string => {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: this build is for tests and cannot run" >&2\nexit 1\n# ', 'latin1');
  // Real padding on both sides, so a reader that assumes the wire sits at a file edge would fail.
  const binary = Buffer.concat([script, Buffer.alloc(4096, 0x20), fuseWireBytes(STAND_IN_INITIAL_WIRE), Buffer.alloc(512, 0x20)]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (MIT, like Electron itself).\n');
  return dir;
};
