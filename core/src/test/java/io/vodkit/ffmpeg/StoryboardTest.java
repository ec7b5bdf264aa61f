package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.spi.MediaInfo;
import org.junit.jupiter.api.Test;

class StoryboardTest {
  private static MediaInfo video(double seconds, int w, int h) {
    return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", seconds, w, h, 30, "h264", true, 1_000_000, 1_000_000);
  }

  @Test
  void aShortVideoGetsOneTileEveryTwoSecondsOnOneSheet() {
    Storyboard b = Storyboard.plan(video(5, 1920, 1080));
    assertThat(b).isEqualTo(new Storyboard(3, 2.0, 5.0, 160, 90, 3, 1));
    assertThat(b.sheets()).isEqualTo(1);
    assertThat(b.vtt())
        .isEqualTo(
            "WEBVTT\n\n"
                + "00:00:00.000 --> 00:00:02.000\nstoryboard_000.jpg#xywh=0,0,160,90\n\n"
                + "00:00:02.000 --> 00:00:04.000\nstoryboard_000.jpg#xywh=160,0,160,90\n\n"
                + "00:00:04.000 --> 00:00:05.000\nstoryboard_000.jpg#xywh=320,0,160,90\n");
  }

  @Test
  void tilesFillTenByTenSheetsThenTheNextSheet() {
    Storyboard b = Storyboard.plan(video(250, 1280, 720));
    assertThat(b.tiles()).isEqualTo(125);
    assertThat(b.columns()).isEqualTo(10);
    assertThat(b.rows()).isEqualTo(10);
    assertThat(b.sheets()).isEqualTo(2);
    assertThat(b.vtt())
        .contains("00:00:22.000 --> 00:00:24.000\nstoryboard_000.jpg#xywh=160,90,160,90\n")
        .contains("00:03:20.000 --> 00:03:22.000\nstoryboard_001.jpg#xywh=0,0,160,90\n")
        .endsWith("00:04:08.000 --> 00:04:10.000\nstoryboard_001.jpg#xywh=640,180,160,90\n");
  }

  @Test
  void aLongVideoStretchesTheIntervalToKeepAThousandTilesAtMost() {
    Storyboard b = Storyboard.plan(video(3 * 3600 + 1, 1920, 1080));
    assertThat(b.intervalSeconds()).isEqualTo(11);
    assertThat(b.tiles()).isEqualTo(982).isLessThanOrEqualTo(Storyboard.MAX_TILES);
    assertThat(b.sheets()).isEqualTo(10);
    assertThat(b.vtt()).endsWith("02:59:51.000 --> 03:00:01.000\nstoryboard_009.jpg#xywh=160,720,160,90\n");
  }

  @Test
  void portraitAndSquareTilesKeepTheirShape() {
    Storyboard portrait = Storyboard.plan(video(10, 1080, 1920));
    assertThat(portrait.tileWidth()).isEqualTo(90);
    assertThat(portrait.tileHeight()).isEqualTo(160);
    Storyboard square = Storyboard.plan(video(10, 500, 500));
    assertThat(square.tileWidth()).isEqualTo(160);
    assertThat(square.tileHeight()).isEqualTo(160);
  }

  @Test
  void postersFitInA720pBoxWithoutUpscaling() {
    assertThat(ThumbnailCommand.posterSize(3840, 2160)).containsExactly(1280, 720);
    assertThat(ThumbnailCommand.posterSize(1080, 1920)).containsExactly(720, 1280);
    assertThat(ThumbnailCommand.posterSize(321, 241)).containsExactly(320, 240);
    assertThat(ThumbnailCommand.posterSize(2560, 1080)).containsExactly(1280, 540);
  }

  @Test
  void timestampsAreWebVttTimes() {
    assertThat(Storyboard.timestamp(0)).isEqualTo("00:00:00.000");
    assertThat(Storyboard.timestamp(3725.5)).isEqualTo("01:02:05.500");
  }
}
