package io.vodkit.views;

/**
 * The 64-bit hashes the hot path works on: a multiply-rotate hash over a string's UTF-16 code
 * units (four per round, one multiply on the dependency chain per round, MurmurHash3's finalizer
 * at the end; no allocation, no cached state), and the fingerprint of a (video, viewer) pair.
 * Not cryptographic: a viewer key chosen to collide with another viewer's can only make those two
 * count as one. Stateless and thread-safe.
 */
final class Hash64 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final long SEED = 0x9E3779B97F4A7C15L;

  private Hash64() {}

  /** The hash of {@code s}; never 0. */
  static long of(String s) {
    int n = s.length();
    long h = SEED ^ n;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long k =
          s.charAt(i)
              | (long) s.charAt(i + 1) << 16
              | (long) s.charAt(i + 2) << 32
              | (long) s.charAt(i + 3) << 48;
      h = Long.rotateLeft(h ^ k * C1, 29) * C2; // one multiply on the chain per 4 characters
    }
    if (i < n) {
      long k = 0;
      for (int shift = 0; i < n; i++, shift += 16) {
        k |= (long) s.charAt(i) << shift;
      }
      h = Long.rotateLeft(h ^ k * C1, 29) * C2;
    }
    long out = fmix(h);
    return out == 0 ? 1 : out;
  }

  /** The fingerprint of a (video, viewer) pair in a dedup window; never 0 or 1 (reserved). */
  static long pair(long videoHash, long viewerHash) {
    long fp = videoHash * C1 ^ viewerHash;
    return fp == 0 || fp == 1 ? fp + 2 : fp;
  }

  /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
  static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
