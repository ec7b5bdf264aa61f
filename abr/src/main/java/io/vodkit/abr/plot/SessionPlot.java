package io.vodkit.abr.plot;

import io.vodkit.abr.sim.ChunkRecord;
import io.vodkit.abr.sim.SessionResult;
import io.vodkit.abr.sim.ThroughputTrace;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One trace, every rule: a PNG with two panels sharing the time axis. Top: the trace's bandwidth
 * (grey, looped as the simulator loops it) and each rule's chosen bitrate (a step per chunk, from
 * its request to the next). Bottom: each rule's buffer level, with the buffer cap dashed.
 *
 * <p>The trace is drawn on its own clock; the sessions run on theirs, which in Pensieve mode also
 * counts the 80 ms round trips that do not advance the trace, so the two drift apart by at most 80
 * ms per chunk. Stateless; thread-safe (each call draws on its own image).
 */
public final class SessionPlot {
  private static final int WIDTH_PX = 1400;
  private static final int HEIGHT_PX = 820;
  private static final int LEFT_PX = 90;
  private static final int RIGHT_PX = 290; // the legend column
  private static final Color LINK_FILL = new Color(0, 0, 0, 28);
  private static final Color LINK_LINE = new Color(0x9A9A9A);
  private static final Stroke SERIES =
      new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
  private static final Stroke DASHED =
      new BasicStroke(
          1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private SessionPlot() {}

  /**
   * Draws and writes the plot.
   *
   * @param trace the trace all sessions played
   * @param sessions one session per rule, all on {@code trace}
   * @param qoePerChunk each session's QoE per chunk, same order (shown in the legend)
   * @param qoeLabel the QoE metric's name
   * @param bufferCapS drawn as a dashed line
   * @param file the PNG to write
   */
  public static void write(
      ThroughputTrace trace,
      List<SessionResult> sessions,
      List<Double> qoePerChunk,
      String qoeLabel,
      double bufferCapS,
      Path file)
      throws IOException {
    Canvas canvas = new Canvas(WIDTH_PX, HEIGHT_PX);
    canvas.title(
        trace.name() + ": throughput, chosen bitrate and buffer",
        String.format(
            Locale.ROOT,
            "trace mean %.2f Mbit/s; %d chunks of %s s; QoE %s per chunk in the legend",
            trace.meanBps() / 1e6,
            sessions.get(0).chunks().size(),
            Axes.format(sessions.get(0).ladder().chunkDurationS()),
            qoeLabel));
    double endS = 0;
    double maxBuffer = bufferCapS;
    double topMbps = sessions.get(0).ladder().bitrateBps(sessions.get(0).ladder().topRung()) / 1e6;
    for (SessionResult s : sessions) {
      endS = Math.max(endS, s.endS());
      for (SessionResult.BufferPoint p : s.bufferTimeline()) {
        maxBuffer = Math.max(maxBuffer, p.bufferS());
      }
    }
    double linkMax = maxLinkMbps(trace, endS);
    Axes top =
        new Axes(
            new Rectangle2D.Double(LEFT_PX, 70, WIDTH_PX - LEFT_PX - RIGHT_PX, 390),
            0,
            endS,
            0,
            Math.max(linkMax, topMbps) * 1.08);
    Axes bottom =
        new Axes(
            new Rectangle2D.Double(LEFT_PX, 490, WIDTH_PX - LEFT_PX - RIGHT_PX, 260),
            0,
            endS,
            0,
            maxBuffer * 1.08);
    top.drawGrid(canvas.g, false);
    bottom.drawGrid(canvas.g, true);
    drawLink(canvas, top, trace, endS);
    Legend legend = new Legend().patch(LINK_FILL.darker(), "link (trace)");
    for (int i = 0; i < sessions.size(); i++) {
      Color color = Palette.color(i);
      drawBitrate(canvas, top, sessions.get(i), color);
      drawBuffer(canvas, bottom, sessions.get(i), color);
      legend.line(
          color,
          SERIES,
          String.format(
              Locale.ROOT, "%s  (QoE %.2f)", sessions.get(i).ruleName(), qoePerChunk.get(i)));
    }
    canvas.g.setColor(new Color(0x555555));
    canvas.g.setStroke(DASHED);
    double capY = bottom.py(bufferCapS);
    canvas.g.draw(
        new java.awt.geom.Line2D.Double(bottom.area.getMinX(), capY, bottom.area.getMaxX(), capY));
    canvas.g.setFont(Axes.TICK_FONT);
    canvas.g.drawString("buffer cap", (float) bottom.area.getMinX() + 6, (float) capY - 4);
    top.drawFrame(canvas.g);
    bottom.drawFrame(canvas.g);
    top.yLabel(canvas.g, "Mbit/s");
    bottom.yLabel(canvas.g, "buffer (s)");
    bottom.xLabel(canvas.g, "time (s)");
    legend.drawTopLeft(canvas.g, top.area.getMaxX() + 16, top.area.getMinY());
    canvas.write(file);
  }

  private static double maxLinkMbps(ThroughputTrace trace, double endS) {
    double max = 0;
    double t = 0;
    for (int i = 0; t < endS; i = (i + 1) % trace.periodCount()) {
      max = Math.max(max, trace.periodBps(i) / 1e6);
      t += trace.periodDurationS(i);
    }
    return max;
  }

  private static void drawLink(Canvas canvas, Axes axes, ThroughputTrace trace, double endS) {
    Path2D.Double area = new Path2D.Double();
    Path2D.Double line = new Path2D.Double();
    area.moveTo(axes.px(0), axes.py(0));
    double t = 0;
    boolean first = true;
    for (int i = 0; t < endS; i = (i + 1) % trace.periodCount()) {
      double d = trace.periodDurationS(i);
      double y = axes.py(trace.periodBps(i) / 1e6);
      double x0 = axes.px(t);
      double x1 = axes.px(Math.min(endS, t + d));
      area.lineTo(x0, y);
      area.lineTo(x1, y);
      if (first) {
        line.moveTo(x0, y);
        first = false;
      } else {
        line.lineTo(x0, y);
      }
      line.lineTo(x1, y);
      t += d;
    }
    area.lineTo(axes.px(Math.min(t, endS)), axes.py(0));
    area.closePath();
    canvas.g.setColor(LINK_FILL);
    canvas.g.fill(area);
    canvas.g.setColor(LINK_LINE);
    canvas.g.setStroke(new BasicStroke(1f));
    canvas.g.draw(line);
  }

  private static void drawBitrate(Canvas canvas, Axes axes, SessionResult s, Color color) {
    Path2D.Double path = new Path2D.Double();
    List<ChunkRecord> chunks = s.chunks();
    for (int k = 0; k < chunks.size(); k++) {
      double start = chunks.get(k).download().requestS();
      double end = k + 1 < chunks.size() ? chunks.get(k + 1).download().requestS() : s.endS();
      double y = axes.py(chunks.get(k).bitrateBps() / 1e6);
      if (k == 0) {
        path.moveTo(axes.px(start), y);
      } else {
        path.lineTo(axes.px(start), y);
      }
      path.lineTo(axes.px(end), y);
    }
    canvas.g.setColor(color);
    canvas.g.setStroke(SERIES);
    canvas.g.draw(path);
  }

  private static void drawBuffer(Canvas canvas, Axes axes, SessionResult s, Color color) {
    Path2D.Double path = new Path2D.Double();
    boolean first = true;
    for (SessionResult.BufferPoint p : s.bufferTimeline()) {
      if (first) {
        path.moveTo(axes.px(p.timeS()), axes.py(p.bufferS()));
        first = false;
      } else {
        path.lineTo(axes.px(p.timeS()), axes.py(p.bufferS()));
      }
    }
    canvas.g.setColor(color);
    canvas.g.setStroke(SERIES);
    canvas.g.draw(path);
  }
}
