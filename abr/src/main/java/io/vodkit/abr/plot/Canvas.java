package io.vodkit.abr.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A white anti-aliased RGB image with a title, written as PNG. Package-private helper. */
final class Canvas {
  final BufferedImage image;
  final Graphics2D g;

  Canvas(int widthPx, int heightPx) {
    image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, widthPx, heightPx);
  }

  /** A bold title centred at the top, with an optional smaller subtitle under it. */
  void title(String title, String subtitle) {
    g.setFont(Axes.TITLE_FONT);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(title, (image.getWidth() - fm.stringWidth(title)) / 2f, 30);
    if (subtitle != null) {
      g.setFont(Axes.TICK_FONT);
      g.setColor(new Color(0x444444));
      fm = g.getFontMetrics();
      g.drawString(subtitle, (image.getWidth() - fm.stringWidth(subtitle)) / 2f, 50);
    }
  }

  void write(Path file) throws IOException {
    g.dispose();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }
}
