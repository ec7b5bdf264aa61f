package io.vodkit.abr.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One plot panel: maps data coordinates into a pixel rectangle and draws its frame, grid, ticks and
 * axis labels. Package-private helper; not thread-safe (one per drawing).
 */
final class Axes {
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
  private static final Color GRID = new Color(0xE3E3E3);
  private static final Color FRAME = new Color(0x333333);
  private static final int TICK_LENGTH_PX = 5;
  private static final int TARGET_TICKS = 8;

  final Rectangle2D area;
  final double xMin;
  final double xMax;
  final double yMin;
  final double yMax;

  Axes(Rectangle2D area, double xMin, double xMax, double yMin, double yMax) {
    this.area = area;
    this.xMin = xMin;
    this.xMax = xMax > xMin ? xMax : xMin + 1;
    this.yMin = yMin;
    this.yMax = yMax > yMin ? yMax : yMin + 1;
  }

  double px(double x) {
    return area.getX() + (x - xMin) / (xMax - xMin) * area.getWidth();
  }

  double py(double y) {
    return area.getMaxY() - (y - yMin) / (yMax - yMin) * area.getHeight();
  }

  /** Grid lines and tick marks with labels; the x tick labels only when {@code xTickLabels}. */
  void drawGrid(Graphics2D g, boolean xTickLabels) {
    g.setFont(TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    for (double t : niceTicks(xMin, xMax, TARGET_TICKS)) {
      double x = px(t);
      g.setColor(GRID);
      g.draw(new Line2D.Double(x, area.getMinY(), x, area.getMaxY()));
      g.setColor(FRAME);
      g.draw(new Line2D.Double(x, area.getMaxY(), x, area.getMaxY() + TICK_LENGTH_PX));
      if (xTickLabels) {
        String s = format(t);
        g.drawString(
            s,
            (float) (x - fm.stringWidth(s) / 2.0),
            (float) (area.getMaxY() + TICK_LENGTH_PX + fm.getAscent() + 2));
      }
    }
    for (double t : niceTicks(yMin, yMax, TARGET_TICKS)) {
      double y = py(t);
      g.setColor(GRID);
      g.draw(new Line2D.Double(area.getMinX(), y, area.getMaxX(), y));
      g.setColor(FRAME);
      g.draw(new Line2D.Double(area.getMinX() - TICK_LENGTH_PX, y, area.getMinX(), y));
      String s = format(t);
      g.drawString(
          s,
          (float) (area.getMinX() - TICK_LENGTH_PX - 4 - fm.stringWidth(s)),
          (float) (y + fm.getAscent() / 2.0 - 2));
    }
  }

  /** The frame around the panel (drawn last so data never covers it). */
  void drawFrame(Graphics2D g) {
    g.setColor(FRAME);
    g.setStroke(new BasicStroke(1.2f));
    g.draw(area);
  }

  /** An x label centred under the panel. */
  void xLabel(Graphics2D g, String text) {
    g.setFont(LABEL_FONT);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    float y = (float) (area.getMaxY() + TICK_LENGTH_PX + 2 * fm.getHeight() + 2);
    g.drawString(text, (float) (area.getCenterX() - fm.stringWidth(text) / 2.0), y);
  }

  /** A y label, rotated, centred left of the panel. */
  void yLabel(Graphics2D g, String text) {
    g.setFont(LABEL_FONT);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    AffineTransform saved = g.getTransform();
    g.translate(area.getMinX() - 58, area.getCenterY() + fm.stringWidth(text) / 2.0);
    g.rotate(-Math.PI / 2);
    g.drawString(text, 0, 0);
    g.setTransform(saved);
  }

  /** Tick positions at 1, 2 or 5 × 10^k covering [min, max]. */
  static List<Double> niceTicks(double min, double max, int target) {
    double range = max - min;
    double rough = range / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= rough) {
        step = m * magnitude;
        break;
      }
    }
    List<Double> ticks = new ArrayList<>();
    double first = Math.ceil(min / step - 1e-9) * step;
    for (double t = first; t <= max + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
  }

  static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(Locale.ROOT, "%d", Math.round(v));
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
