package io.vodkit.abr.plot;

import java.awt.Color;

/**
 * Okabe–Ito colours (safe for colour-blind readers and in greyscale print), in the order series
 * take them. Immutable.
 */
final class Palette {
  private static final Color[] COLORS = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermillion
    new Color(0x009E73), // bluish green
    new Color(0xE69F00), // orange
    new Color(0xCC79A7), // reddish purple
    new Color(0x56B4E9), // sky blue
    new Color(0x000000), // black
    new Color(0x8C6D1F), // brown (extends the set)
    new Color(0xB8A800), // dark yellow
  };

  private Palette() {}

  static Color color(int series) {
    return COLORS[Math.floorMod(series, COLORS.length)];
  }
}
