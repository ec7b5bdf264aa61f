package io.vodkit.abr.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/** A boxed legend of line (or filled patch) samples with labels. Package-private helper. */
final class Legend {
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final int SAMPLE_PX = 26;
  private static final int PAD_PX = 8;

  private record Entry(Color color, Stroke stroke, boolean patch, String label) {}

  private final List<Entry> entries = new ArrayList<>();

  Legend line(Color color, Stroke stroke, String label) {
    entries.add(new Entry(color, stroke, false, label));
    return this;
  }

  Legend patch(Color color, String label) {
    entries.add(new Entry(color, null, true, label));
    return this;
  }

  /** Width and height the legend needs, in pixels. */
  Rectangle2D size(Graphics2D g) {
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    int width = 0;
    for (Entry e : entries) {
      width = Math.max(width, fm.stringWidth(e.label()));
    }
    return new Rectangle2D.Double(
        0, 0, PAD_PX * 3 + SAMPLE_PX + width, PAD_PX * 2 + (fm.getHeight() + 2) * entries.size());
  }

  /** Draws the legend with its bottom-right corner at ({@code right}, {@code bottom}). */
  void drawBottomRight(Graphics2D g, double right, double bottom) {
    Rectangle2D size = size(g);
    drawTopLeft(g, right - size.getWidth(), bottom - size.getHeight());
  }

  /** Draws the legend with its top-left corner at ({@code left}, {@code top}). */
  void drawTopLeft(Graphics2D g, double left, double top) {
    Rectangle2D size = size(g);
    FontMetrics fm = g.getFontMetrics();
    double rowH = fm.getHeight() + 2;
    Rectangle2D box = new Rectangle2D.Double(left, top, size.getWidth(), size.getHeight());
    g.setColor(new Color(255, 255, 255, 235));
    g.fill(box);
    g.setColor(new Color(0x999999));
    g.setStroke(new BasicStroke(1f));
    g.draw(box);
    double y = top + PAD_PX;
    for (Entry e : entries) {
      double mid = y + rowH / 2;
      double x = box.getX() + PAD_PX;
      g.setColor(e.color());
      if (e.patch()) {
        g.fill(new Rectangle2D.Double(x, mid - 5, SAMPLE_PX, 10));
      } else {
        g.setStroke(e.stroke());
        g.draw(new Line2D.Double(x, mid, x + SAMPLE_PX, mid));
      }
      g.setColor(Color.BLACK);
      g.drawString(
          e.label(), (float) (x + SAMPLE_PX + PAD_PX), (float) (mid + fm.getAscent() / 2.0 - 2));
      y += rowH;
    }
  }
}
