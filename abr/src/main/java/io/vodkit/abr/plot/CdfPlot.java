package io.vodkit.abr.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The empirical CDF of per-trace QoE, one step line per rule, as a PNG. Stateless; thread-safe. */
public final class CdfPlot {
  private static final int WIDTH_PX = 1000;
  private static final int HEIGHT_PX = 680;
  private static final Stroke SERIES =
      new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);

  private CdfPlot() {}

  /**
   * Draws and writes the plot.
   *
   * @param title the title
   * @param xLabel the x axis label (e.g. "QoE per chunk (linear)")
   * @param valuesByRule per rule (legend order), one value per trace
   * @param file the PNG to write
   */
  public static void write(
      String title, String xLabel, Map<String, List<Double>> valuesByRule, Path file)
      throws IOException {
    Map<String, double[]> sorted = new LinkedHashMap<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int traces = 0;
    for (Map.Entry<String, List<Double>> e : valuesByRule.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (v.length == 0) {
        continue;
      }
      sorted.put(e.getKey(), v);
      min = Math.min(min, v[0]);
      max = Math.max(max, v[v.length - 1]);
      traces = Math.max(traces, v.length);
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("nothing to plot");
    }
    double pad = (max - min) * 0.04 + 1e-9;
    Canvas canvas = new Canvas(WIDTH_PX, HEIGHT_PX);
    canvas.title(
        title, String.format(Locale.ROOT, "%d traces per rule; further right is better", traces));
    Axes axes =
        new Axes(
            new Rectangle2D.Double(90, 70, WIDTH_PX - 120, HEIGHT_PX - 150),
            min - pad,
            max + pad,
            0,
            1.0);
    axes.drawGrid(canvas.g, true);
    Legend legend = new Legend();
    int series = 0;
    for (Map.Entry<String, double[]> e : sorted.entrySet()) {
      double[] v = e.getValue();
      Path2D.Double path = new Path2D.Double();
      path.moveTo(axes.px(axes.xMin), axes.py(0));
      for (int i = 0; i < v.length; i++) {
        path.lineTo(axes.px(v[i]), axes.py((double) i / v.length));
        path.lineTo(axes.px(v[i]), axes.py((double) (i + 1) / v.length));
      }
      path.lineTo(axes.px(axes.xMax), axes.py(1));
      Color color = Palette.color(series++);
      canvas.g.setColor(color);
      canvas.g.setStroke(SERIES);
      canvas.g.draw(path);
      legend.line(
          color,
          SERIES,
          String.format(
              Locale.ROOT, "%s  (mean %.3f)", e.getKey(), Arrays.stream(v).average().orElse(0)));
    }
    axes.drawFrame(canvas.g);
    axes.xLabel(canvas.g, xLabel);
    axes.yLabel(canvas.g, "fraction of traces (CDF)");
    legend.drawBottomRight(canvas.g, axes.area.getMaxX() - 10, axes.area.getMaxY() - 10);
    canvas.write(file);
  }
}
