package io.vodkit.abr.plot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.PensieveQoe;
import io.vodkit.abr.io.PensieveFormat;
import io.vodkit.abr.rules.Algorithm;
import io.vodkit.abr.sim.SessionResult;
import io.vodkit.abr.sim.SimConfig;
import io.vodkit.abr.sim.Simulator;
import io.vodkit.abr.sim.ThroughputTrace;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static int countColour(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aTracePlotIsAPngWithEachRulesColourDrawn(@TempDir Path dir) throws Exception {
    Ladder video = PensieveFormat.readPensieveVideo(Fixtures.resource("traces/video-sizes"));
    ThroughputTrace trace =
        PensieveFormat.readTrace(Fixtures.resource("traces/pensieve/norway_bus_1"));
    Simulator sim = new Simulator(SimConfig.pensieve());
    Algorithm a = Algorithm.named("reserve-mpc", PensieveQoe.LINEAR);
    Algorithm b = Algorithm.named("bola", PensieveQoe.LINEAR);
    List<SessionResult> sessions =
        List.of(
            sim.play(video, trace, a.newRule(), a.newEstimator()),
            sim.play(video, trace, b.newRule(), b.newEstimator()));
    Path file = dir.resolve("plots/bus.png");
    SessionPlot.write(trace, sessions, List.of(0.9, 0.7), "linear", 60, file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(820);
    assertThat(countColour(image, 0x0072B2)).as("first series, blue").isGreaterThan(500);
    assertThat(countColour(image, 0xD55E00)).as("second series, vermillion").isGreaterThan(500);
    assertThat(countColour(image, 0xFFFFFF))
        .as("mostly white paper")
        .isGreaterThan(image.getWidth() * image.getHeight() / 3);
  }

  @Test
  void aCdfPlotDrawsOneStepLinePerRule(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cdf.png");
    CdfPlot.write("CDF", "QoE", Map.of("only", List.of(0.1, 0.5, 0.9, 1.3)), file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(countColour(image, 0x0072B2)).isGreaterThan(300);
  }

  @Test
  void ticksFallOnOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Axes.niceTicks(0, 200, 6)).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0);
    assertThat(Axes.niceTicks(0, 1, 6))
        .containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
    assertThat(Axes.format(0.6000000000000001)).isEqualTo("0.6");
    assertThat(Axes.format(50)).isEqualTo("50");
  }
}
