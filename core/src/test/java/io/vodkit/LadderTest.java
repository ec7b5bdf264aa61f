package io.vodkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vodkit.LadderPlan.Reason;
import io.vodkit.LadderPlan.SkippedRung;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
  /** A source with plenty of bitrate, so the per-title cap stays out of the way. */
  private static MediaInfo source(int w, int h) {
    return source(w, h, 60_000_000, "h264", true);
  }

  private static MediaInfo source(int w, int h, long bitrateBps, String codec, boolean audio) {
    return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 20, w, h, 30, codec, audio, bitrateBps, 15_000_000);
  }

  private static List<String> names(List<RungSpec> rungs) {
    return rungs.stream().map(RungSpec::name).toList();
  }

  @Test
  void a4kSourceWithEnoughBitrateGetsTheSpecTableExactly() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(3840, 2160));
    assertThat(rungs)
        .extracting(RungSpec::name, RungSpec::width, RungSpec::height, RungSpec::codec, RungSpec::profile, RungSpec::bitrateKbps)
        .containsExactly(
            tuple("360p", 640, 360, "h264", "baseline", 400),
            tuple("720p", 1280, 720, "h264", "main", 2500),
            tuple("1080p", 1920, 1080, "h264", "high", 5000),
            tuple("4K", 3840, 2160, "h265", "main", 18000));
  }

  @Test
  void the4kRungIsH264WhenTheLadderIsConfiguredSo() {
    Ladder h264 = Ladder.DEFAULT.withRung(new Ladder.Rung("4K", 2160, "h264", "high", 30000));
    List<RungSpec> rungs = h264.plan(source(3840, 2160));
    assertThat(names(rungs)).containsExactly("360p", "720p", "1080p", "4K");
    assertThat(rungs.get(3)).extracting(RungSpec::codec, RungSpec::profile, RungSpec::bitrateKbps)
        .containsExactly("h264", "high", 30000);
    assertThat(h264.rungs()).hasSize(4);
  }

  @Test
  void aFullHdSourceGetsEveryRungUpTo1080pAndSaysWhyNot4k() {
    LadderPlan plan = Ladder.DEFAULT.planWithReasons(source(1920, 1080));
    assertThat(names(plan.rungs())).containsExactly("360p", "720p", "1080p");
    assertThat(plan.rungs().get(2)).extracting(RungSpec::width, RungSpec::height).containsExactly(1920, 1080);
    assertThat(plan.skipped()).extracting(SkippedRung::name, SkippedRung::reason)
        .containsExactly(tuple("4K", Reason.WOULD_UPSCALE));
    assertThat(plan.skipped().get(0).describe())
        .isEqualTo("would_upscale: the source is 1920x1080; a 2160 px short side would upscale its 1080 px");
  }

  @Test
  void aPortraitSourceIsPlannedByItsShortSideAndStaysPortrait() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1080, 1920));
    assertThat(rungs).extracting(RungSpec::name, RungSpec::width, RungSpec::height, RungSpec::bitrateKbps)
        .containsExactly(tuple("360p", 360, 640, 400), tuple("720p", 720, 1280, 2500), tuple("1080p", 1080, 1920, 5000));
  }

  @Test
  void aSquareSourceGetsSquareRungsWithBitrateScaledByArea() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1080, 1080));
    // a square has 9/16 of the pixels of a 16:9 frame of the same height
    assertThat(rungs).extracting(RungSpec::width, RungSpec::height, RungSpec::bitrateKbps)
        .containsExactly(tuple(360, 360, 225), tuple(720, 720, 1406), tuple(1080, 1080, 2813));
  }

  @Test
  void aSourceBetweenRungsIsNeverUpscaled() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1000, 700));
    assertThat(names(rungs)).containsExactly("360p");
    assertThat(rungs.get(0)).extracting(RungSpec::width, RungSpec::height).containsExactly(514, 360);
  }

  @Test
  void oddAndAnamorphicDisplaySizesGiveEvenRungsThatKeepTheShapeAndFitInsideTheSource() {
    int[][] sizes = {
      {1279, 719}, {1281, 721}, {853, 480}, {854, 481}, {1440, 1081}, {719, 1279}, {1919, 1079}, {3839, 2161},
      {641, 361}, {2560, 1080}, {1080, 2340}, {500, 500}, {4096, 2160}, {1998, 1080}
    };
    for (int[] s : sizes) {
      for (RungSpec r : Ladder.DEFAULT.plan(source(s[0], s[1]))) {
        String what = r.name() + " of " + s[0] + "x" + s[1];
        assertThat(r.width() % 2).as(what).isZero();
        assertThat(r.height() % 2).as(what).isZero();
        assertThat(r.width()).as(what).isLessThanOrEqualTo(s[0]);
        assertThat(r.height()).as(what).isLessThanOrEqualTo(s[1]);
        double sourceAspect = (double) s[0] / s[1];
        // rounding to even sizes moves the long side by at most 2 px
        assertThat(Math.abs(r.width() - r.height() * sourceAspect)).as(what).isLessThan(3.0);
      }
    }
  }

  @Test
  void aSourceBelow360pGetsOneEvenRungAtItsOwnSize() {
    LadderPlan plan = Ladder.DEFAULT.planWithReasons(source(321, 241));
    assertThat(plan.rungs()).extracting(RungSpec::name, RungSpec::width, RungSpec::height)
        .containsExactly(tuple("240p", 320, 240));
    assertThat(plan.rungs().get(0).bitrateKbps()).isBetween(Ladder.MIN_KBPS, 400);
    assertThat(plan.skipped()).extracting(SkippedRung::name).containsExactly("360p", "720p", "1080p", "4K");
    assertThat(plan.skipped()).allSatisfy(s -> assertThat(s.reason()).isEqualTo(Reason.WOULD_UPSCALE));
  }

  @Test
  void aTinySourceGetsTheMinimumBitrate() {
    assertThat(Ladder.DEFAULT.plan(source(64, 36)))
        .extracting(RungSpec::name, RungSpec::width, RungSpec::height, RungSpec::bitrateKbps)
        .containsExactly(tuple("36p", 64, 36, Ladder.MIN_KBPS));
  }

  @Test
  void aLowBitrateSourceDropsTheRungThatWouldSpendMoreThanItsTopRung() {
    // the example: 1080p at 1 Mbps; 720p would need 2.5 Mbps, 1080p 5 Mbps
    LadderPlan plan = Ladder.DEFAULT.planWithReasons(source(1920, 1080, 1_000_000, "h264", true));
    // (1000 - 128 audio) * 1.5 = 1308 kbps for the top rung
    assertThat(plan.rungs()).extracting(RungSpec::name, RungSpec::bitrateKbps)
        .containsExactly(tuple("360p", 400), tuple("1080p", 1308));
    assertThat(plan.skipped()).extracting(SkippedRung::name, SkippedRung::reason)
        .containsExactly(tuple("720p", Reason.NO_BITRATE_GAIN), tuple("4K", Reason.WOULD_UPSCALE));
    assertThat(plan.skipped().get(0).detail())
        .isEqualTo("needs 2500 kbps; the 1080p rung already gets 1308 kbps, 1.5x the source's ~872 kbps of video");
  }

  @Test
  void anHevcSourceGetsMoreHeadroomThanAnH264One() {
    LadderPlan hevc = Ladder.DEFAULT.planWithReasons(source(1920, 1080, 1_300_000, "hevc", false));
    assertThat(hevc.rungs()).extracting(RungSpec::name, RungSpec::bitrateKbps)
        .containsExactly(tuple("360p", 400), tuple("720p", 2500), tuple("1080p", 2600));
    LadderPlan avc = Ladder.DEFAULT.planWithReasons(source(1920, 1080, 1_300_000, "h264", false));
    assertThat(avc.rungs()).extracting(RungSpec::name, RungSpec::bitrateKbps)
        .containsExactly(tuple("360p", 400), tuple("1080p", 1950));
  }

  @Test
  void aStarvedSourceKeepsOnlyItsTopRungAtTheFloorBitrate() {
    LadderPlan plan = Ladder.DEFAULT.planWithReasons(source(1280, 720, 50_000, "h264", false));
    assertThat(plan.rungs()).extracting(RungSpec::name, RungSpec::bitrateKbps)
        .containsExactly(tuple("720p", Ladder.MIN_KBPS));
    assertThat(plan.skipped()).extracting(SkippedRung::name, SkippedRung::reason)
        .containsExactly(
            tuple("360p", Reason.NO_BITRATE_GAIN), tuple("1080p", Reason.WOULD_UPSCALE), tuple("4K", Reason.WOULD_UPSCALE));
  }

  @Test
  void anUnknownOrAmpleSourceBitrateLeavesTheLadderAlone() {
    List<RungSpec> unknown = Ladder.DEFAULT.plan(source(1920, 1080, 0, "h264", true));
    List<RungSpec> ample = Ladder.DEFAULT.plan(source(1920, 1080, 4_000_000, "h264", true));
    assertThat(unknown).extracting(RungSpec::bitrateKbps).containsExactly(400, 2500, 5000);
    assertThat(ample).isEqualTo(unknown); // (4000 - 128) * 1.5 = 5808 >= 5000
  }

  @Test
  void aDegenerateSourceIsRejectedAsMedia() {
    assertThatThrownBy(() -> Ladder.DEFAULT.plan(source(1, 1)))
        .isInstanceOf(MediaRejectedException.class);
  }

  @Test
  void rungNamesMustBeSafeUniqueFolderNames() {
    assertThatThrownBy(() -> new Ladder.Rung("../x", 360, "h264", "main", 400))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ladder.Rung("audio", 360, "h264", "main", 400))
        .isInstanceOf(IllegalArgumentException.class);
    Ladder.Rung a = new Ladder.Rung("a", 360, "h264", "main", 400);
    assertThatThrownBy(() -> new Ladder(List.of(a, a))).hasMessageContaining("unique");
  }
}
