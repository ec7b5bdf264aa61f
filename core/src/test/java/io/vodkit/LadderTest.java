package io.vodkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
  private static MediaInfo source(int w, int h) {
    return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 20, w, h, 30, "h264", true, 6_000_000, 15_000_000);
  }

  private static List<String> names(List<RungSpec> rungs) {
    return rungs.stream().map(RungSpec::name).toList();
  }

  @Test
  void aFullHdSourceGetsEveryRungUpTo1080pAndNever4k() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1920, 1080));
    assertThat(names(rungs)).containsExactly("360p", "720p", "1080p");
    assertThat(rungs.get(0)).extracting(RungSpec::width, RungSpec::height).containsExactly(640, 360);
    assertThat(rungs.get(2)).extracting(RungSpec::width, RungSpec::height).containsExactly(1920, 1080);
    assertThat(rungs).allSatisfy(r -> assertThat(r.height()).isLessThanOrEqualTo(1080));
  }

  @Test
  void a4kSourceGetsTheH265Rung() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(3840, 2160));
    assertThat(names(rungs)).containsExactly("360p", "720p", "1080p", "4K");
    assertThat(rungs.get(3).codec()).isEqualTo("h265");
    assertThat(rungs.get(3)).extracting(RungSpec::width, RungSpec::height).containsExactly(3840, 2160);
  }

  @Test
  void aPortraitSourceIsPlannedByItsShortSideAndStaysPortrait() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1080, 1920));
    assertThat(names(rungs)).containsExactly("360p", "720p", "1080p");
    assertThat(rungs.get(1)).extracting(RungSpec::width, RungSpec::height).containsExactly(720, 1280);
  }

  @Test
  void aSourceBetweenRungsIsNeverUpscaled() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(1000, 700));
    assertThat(names(rungs)).containsExactly("360p");
    assertThat(rungs.get(0).height()).isEqualTo(360);
    assertThat(rungs.get(0).width()).isEqualTo(514); // 360 * 1000/700 = 514.3, even
  }

  @Test
  void aSourceBelow360pGetsOneEvenRungAtItsOwnSize() {
    List<RungSpec> rungs = Ladder.DEFAULT.plan(source(321, 241));
    assertThat(rungs).hasSize(1);
    assertThat(rungs.get(0)).extracting(RungSpec::name, RungSpec::width, RungSpec::height)
        .containsExactly("240p", 320, 240);
    assertThat(rungs.get(0).bitrateKbps()).isBetween(100, 400);
  }

  @Test
  void aDegenerateSourceIsRejectedAsMedia() {
    assertThatThrownBy(() -> Ladder.DEFAULT.plan(source(1, 1)))
        .isInstanceOf(MediaRejectedException.class);
  }

  @Test
  void rungNamesMustBeSafeFolderNames() {
    assertThatThrownBy(() -> new Ladder.Rung("../x", 360, "h264", "main", 400))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
