/**
 * The most pixels Lagoon will decode. Venice's largest outputs today are 4K renders (16.8 MP square) and 4x upscales;
 * twice 4096² leaves room for 4K in any aspect ratio while a decoded RGBA frame stays under ~135 MB. sharp's own
 * default (0x3FFF² ≈ 268 MP, ~1 GB decoded) is far more than a desktop main process should ever allocate for one
 * image, and a small crafted file can claim that much (a decompression bomb).
 */
export const MAX_IMAGE_PIXELS = 4096 * 4096 * 2;
