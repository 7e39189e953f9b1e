/**
 * The shipped weights on disk: each head's weights as signed 8-bit integers
 * with one scale (weight = byte × scale). The bytes live in a binary file and
 * the scales in a generated module (model/shipped.ts). A quarter of float32's
 * size; the training reports how much ranking the rounding costs (it is
 * measured, not assumed: see the model's figures file).
 */

export interface Head {
  weights: Float32Array;
  bias: number;
}

/** What the generated module keeps of a head: everything but its bytes. */
export interface HeadScale {
  bias: number;
  scale: number;
}

export interface EncodedHead extends HeadScale {
  /** One signed byte per weight. */
  bytes: Int8Array;
}

/**
 * Rounds to 255 levels. The scale is set by a high quantile of the non-zero
 * magnitudes rather than the single largest weight, so one outlier does not
 * flatten every other weight to zero; the few beyond it are clipped.
 */
export function encodeHead(head: Head, quantile = 0.9999): EncodedHead {
  const magnitudes = Array.from(head.weights, Math.abs)
    .filter((m) => m > 0)
    .sort((a, b) => a - b);
  const top = magnitudes.length === 0 ? 1 : magnitudes[Math.min(magnitudes.length - 1, Math.floor(quantile * magnitudes.length))]!;
  const scale = top / 127;
  const bytes = new Int8Array(head.weights.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round(head.weights[i]! / scale)));
  return { bias: head.bias, scale, bytes };
}

export function decodeHead(encoded: EncodedHead): Head {
  const { bytes } = encoded;
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) weights[i] = bytes[i]! * encoded.scale;
  return { weights, bias: encoded.bias };
}
