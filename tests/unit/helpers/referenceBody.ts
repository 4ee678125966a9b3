/**
 * The exact body Venice's native route gets for a nano-banana-2 image made from reference images, with web search
 * on and prompt thinking off: the app's form and `lagoon generate` must both send this, byte for byte.
 */
export const referencesBody = (prompt: string, seed: number, references: readonly Buffer[], strength: number): Record<string, unknown> => ({
  model: 'nano-banana-2',
  prompt,
  seed,
  variants: 1,
  format: 'png',
  safe_mode: true,
  hide_watermark: false,
  enable_web_search: true,
  disable_prompt_optimization_thinking: true,
  style_references: references.map((bytes) => ({ image: bytes.toString('base64'), strength })),
});
