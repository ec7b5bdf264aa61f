package io.vodkit.abr;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/** Shared test inputs: ladders, a fixed estimator, input builders, resource paths. */
public final class Fixtures {
  /** The spec's ladder: 360p 400, 720p 2500, 1080p 5000, 4K 18000 kbps, 4 s chunks. */
  public static final Ladder SPEC_LADDER =
      Ladder.constantBitrate(new long[] {400_000, 2_500_000, 5_000_000, 18_000_000}, 4.0, 10);

  /** Pensieve's ladder (300..4300 kbps) with constant-bitrate 4 s chunks. */
  public static final Ladder PENSIEVE_CBR =
      Ladder.constantBitrate(
          new long[] {300_000, 750_000, 1_200_000, 1_850_000, 2_850_000, 4_300_000}, 4.0, 48);

  private Fixtures() {}

  /** An estimator that says whatever it is told. */
  public static final class FixedEstimator implements BandwidthEstimator {
    private OptionalDouble estimate;

    public FixedEstimator(double bps) {
      this.estimate = OptionalDouble.of(bps);
    }

    public static FixedEstimator empty() {
      FixedEstimator e = new FixedEstimator(0);
      e.estimate = OptionalDouble.empty();
      return e;
    }

    public void set(double bps) {
      estimate = OptionalDouble.of(bps);
    }

    @Override
    public void addSample(long bytes, double latencyS, double transferS) {}

    @Override
    public OptionalDouble estimateBps() {
      return estimate;
    }

    @Override
    public String name() {
      return "fixed";
    }
  }

  /** An input at time 0 with no history. */
  public static AbrInput input(
      Ladder ladder, int chunk, double bufferS, double estimateBps, int lastRung) {
    return new AbrInput(
        ladder, chunk, bufferS, new FixedEstimator(estimateBps), lastRung, 0, List.of());
  }

  /** An input with everything given. */
  public static AbrInput input(
      Ladder ladder,
      int chunk,
      double bufferS,
      BandwidthEstimator estimator,
      int lastRung,
      double nowS,
      List<ChunkDownload> history) {
    return new AbrInput(ladder, chunk, bufferS, estimator, lastRung, nowS, history);
  }

  /** A download of chunk {@code chunk} at {@code rung}, no stall. */
  public static ChunkDownload download(
      int chunk, int rung, long bytes, double requestS, double downloadS, double bufferAfterS) {
    return new ChunkDownload(chunk, rung, bytes, requestS, 0.08, downloadS - 0.08, 0, bufferAfterS);
  }

  /** A path under src/test/resources. */
  public static Path resource(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + relative, e);
    }
  }
}
