package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.CompletedPart;
import io.vodkit.JobStatus;
import io.vodkit.NewUpload;
import io.vodkit.Rendition;
import io.vodkit.TranscodeJob;
import io.vodkit.TranscodeStatus;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.hls.HlsParser;
import io.vodkit.hls.HlsPlaylist;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EndToEndTest {
  @TempDir Path tmp;

  @Test
  void aSignedMultipartUploadOfA720pClipBecomesAReadyVideoWithHlsAndDashOverTheSameSegments() throws Exception {
    Path clip = TestClip.generate(tmp.resolve("clip.mp4"), 1280, 720, 10, 6000);
    long size = Files.size(clip);
    List<TranscodeStatus> seen = new CopyOnWriteArrayList<>();

    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .workers(1)
            .partSizeBytes(5 << 20)
            .pollInterval(Duration.ofMillis(100))
            .build()) {
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "e2e", "video/mp4", size));
      assertThat(up.parts()).hasSizeGreaterThanOrEqualTo(2);

      List<CompletedPart> parts = new DirectUploader(2).uploadParts(up, clip, n -> {});
      assertThat(vodkit.completeUpload(up.videoId(), parts).status()).isEqualTo(VideoStatus.UPLOADED);

      TranscodeJob job = vodkit.publish(up.videoId());
      assertThat(vodkit.publish(up.videoId()).id()).as("publish is idempotent").isEqualTo(job.id());
      assertThat(job.estimatedCompletionAt()).isAfter(job.createdAt());

      Video video;
      do {
        seen.add(vodkit.transcodeStatus(up.videoId()));
        video = vodkit.video(up.videoId());
        Thread.sleep(100);
      } while (!video.status().isTerminal());

      assertThat(video.status()).isEqualTo(VideoStatus.READY);
      assertThat(video.durationSeconds()).isCloseTo(10.0, within(0.2));
      assertThat(video.renditions()).extracting(Rendition::quality).containsExactly("360p", "720p");
      assertThat(video.renditions()).allSatisfy(r -> {
        assertThat(r.height()).isLessThanOrEqualTo(720);
        assertThat(r.codecs()).matches("avc1\\.[0-9a-f]{6}");
        assertThat(r.bandwidthBps()).isPositive();
      });
      TranscodeStatus done = vodkit.transcodeStatus(up.videoId());
      assertThat(done.status()).isEqualTo("complete");
      assertThat(done.progressPct()).isEqualTo(100);
      assertThat(done.passesDone()).isEqualTo(2);
      assertThat(vodkit.job(up.videoId()).status()).isEqualTo(JobStatus.COMPLETE);
      assertThat(seen).extracting(TranscodeStatus::progressPct).isSorted();

      // everything below is fetched the way a player does: over HTTP from the embedded origin
      URI masterUrl = vodkit.manifestUrl(up.videoId());
      assertThat(masterUrl.getScheme()).isEqualTo("http");
      HlsPlaylist.Master master = HlsParser.parseMaster(OriginFetch.text(masterUrl));
      assertThat(master.variants()).extracting(v -> v.uri()).containsExactly("360p/playlist.m3u8", "720p/playlist.m3u8");
      assertThat(master.variants().get(1).attributes()).containsEntry("RESOLUTION", "1280x720");
      for (HlsPlaylist.Variant v : master.variants()) {
        assertSegmentsAreFourSeconds(masterUrl.resolve(v.uri()));
      }
      String audioUri = master.renditions().get(0).uri().orElseThrow();
      assertSegmentsAreFourSeconds(masterUrl.resolve(audioUri));

      // I-frame playlists: one per rung, one I-frame per segment, each range a moof served as 206
      assertThat(master.iFrameVariants()).extracting(v -> v.uri()).containsExactly("360p/iframes.m3u8", "720p/iframes.m3u8");
      for (HlsPlaylist.Variant v : master.iFrameVariants()) {
        URI playlistUrl = masterUrl.resolve(v.uri());
        HlsPlaylist.Media iFrames = HlsParser.parseMedia(OriginFetch.text(playlistUrl));
        assertThat(iFrames.iFramesOnly()).isTrue();
        assertThat(iFrames.segments()).hasSize(3);
        assertThat(iFrames.durationSeconds()).isCloseTo(10.0, within(0.2));
        for (HlsPlaylist.Segment s : iFrames.segments()) {
          HlsPlaylist.ByteRange range = s.byteRange().orElseThrow();
          byte[] bytes = OriginFetch.range(playlistUrl.resolve(s.uri()), range.offset(), range.length());
          assertThat(new String(bytes, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moof");
        }
      }
      assertThat(OriginFetch.status(masterUrl.resolve("1080p/playlist.m3u8"))).isEqualTo(404);

      Document mpd = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(OriginFetch.bytes(vodkit.dashManifestUrl(up.videoId()))));
      NodeList reps = mpd.getElementsByTagName("Representation");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < reps.getLength(); i++) {
        ids.add(((Element) reps.item(i)).getAttribute("id"));
      }
      assertThat(ids).containsExactlyInAnyOrder("360p", "720p", "audio");
    }
  }

  /** Downloads the media playlist's init segment and segments and measures each with ffprobe. */
  private void assertSegmentsAreFourSeconds(URI playlistUrl) throws Exception {
    HlsPlaylist.Media playlist = HlsParser.parseMedia(OriginFetch.text(playlistUrl));
    String rung = playlistUrl.getPath().split("/")[3];
    Path init = OriginFetch.download(playlistUrl.resolve(playlist.mapUri().orElseThrow()), tmp.resolve(rung + "-init.mp4"));
    List<Path> segments = new ArrayList<>();
    for (HlsPlaylist.Segment s : playlist.segments()) {
      segments.add(OriginFetch.download(playlistUrl.resolve(s.uri()), tmp.resolve(rung + "-" + s.uri())));
    }
    assertThat(segments).as(playlistUrl + " segments").hasSize(3);
    for (int i = 0; i < segments.size(); i++) {
      double d = Ffprobe.segmentDuration(init, segments.get(i), tmp);
      if (i < segments.size() - 1) {
        assertThat(d).as(segments.get(i) + " duration").isCloseTo(4.0, within(0.1));
      } else {
        assertThat(d).as("last segment").isGreaterThan(0).isLessThanOrEqualTo(4.1);
      }
    }
  }
}
