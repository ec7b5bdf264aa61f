package io.vodkit.dash;

import static io.vodkit.dash.Fixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class DashManifestWriterTest {
  private static final String NS = "urn:mpeg:dash:schema:mpd:2011";
  private final DashManifestWriter writer = new DashManifestWriter();

  static Stream<PackagedVideo> videos() {
    List<PackagedRendition> odd = new ArrayList<>();
    odd.add(Fixtures.video("low", 426, 240, 12.5, "hvc1.1.6.L93.B0", 300_000, segments(6.0, 6.0, 6.0, 0.04)));
    odd.add(Fixtures.video("hi", 1280, 720, 23.976, "hvc1.1.6.L120.B0", 2_000_000, segments(6.0, 6.0, 6.0, 0.04)));
    return Stream.of(Fixtures.threeRungsWithAudio(), Fixtures.noAudio(), new PackagedVideo("odd", 18.04, 6, odd));
  }

  private static List<Element> elements(Document doc, String name) {
    NodeList nodes = doc.getElementsByTagNameNS(NS, name);
    return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
  }

  private static List<Element> children(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(NS, name);
    return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
  }

  private static Element representation(Document doc, String id) {
    return elements(doc, "Representation").stream()
        .filter(r -> r.getAttribute("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void thereAreNoPerRenditionManifests() {
    assertThat(writer.renditionManifests(Fixtures.threeRungsWithAudio())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("videos")
  void theMpdValidatesAgainstTheOfficialSchema(PackagedVideo video) {
    ManifestFile mpd = writer.master(video);
    assertThat(mpd.relativePath()).isEqualTo("manifest.mpd");
    assertThat(mpd.contentType()).isEqualTo("application/dash+xml");
    assertThatCode(() -> MpdSchema.validate(mpd.content())).doesNotThrowAnyException();
  }

  /** Ways to break a valid MPD, each of which the schema forbids. */
  static Stream<java.util.function.Consumer<Document>> breakages() {
    return Stream.of(
        doc -> doc.getDocumentElement().removeAttribute("minBufferTime"),
        doc -> representation(doc, "720p").setAttribute("frameRate", "29.97"),
        doc -> representation(doc, "720p").removeAttribute("bandwidth"),
        doc -> elements(doc, "S").get(0).removeAttribute("d"),
        doc -> elements(doc, "AdaptationSet").get(1).setAttribute("contentType", "sound"),
        doc -> elements(doc, "Period").get(0).appendChild(doc.createElementNS(NS, "Bogus")),
        doc -> {
          Element rep = representation(doc, "audio");
          rep.appendChild(children(rep, "AudioChannelConfiguration").get(0));
        });
  }

  @ParameterizedTest
  @MethodSource("breakages")
  void theValidatorRejectsABrokenMpd(java.util.function.Consumer<Document> breakage) throws SAXException {
    Document doc = DashManifestWriter.mpd(Fixtures.threeRungsWithAudio());
    MpdSchema.validate(XmlOutput.toBytes(doc));
    breakage.accept(doc);
    assertThatThrownBy(() -> MpdSchema.validate(XmlOutput.toBytes(doc))).isInstanceOf(SAXException.class);
  }

  @Test
  void mpdAttributesAreExact() {
    PackagedVideo video = Fixtures.threeRungsWithAudio();
    Document doc = MpdSchema.parse(writer.master(video).content());
    Element mpd = doc.getDocumentElement();
    assertThat(mpd.getNamespaceURI()).isEqualTo(NS);
    assertThat(mpd.getLocalName()).isEqualTo("MPD");
    assertThat(mpd.getAttribute("profiles"))
        .isEqualTo("urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019");
    assertThat(mpd.getAttribute("type")).isEqualTo("static");
    assertThat(mpd.getAttribute("mediaPresentationDuration")).isEqualTo("PT19.516S");
    assertThat(mpd.getAttribute("minBufferTime")).isEqualTo("PT4S");
    assertThat(elements(doc, "Period")).hasSize(1);

    List<Element> sets = elements(doc, "AdaptationSet");
    assertThat(sets).hasSize(2);
    Element v = sets.get(0);
    assertThat(v.getAttribute("contentType")).isEqualTo("video");
    assertThat(v.getAttribute("mimeType")).isEqualTo("video/mp4");
    assertThat(v.getAttribute("segmentAlignment")).isEqualTo("true");
    assertThat(v.getAttribute("startWithSAP")).isEqualTo("1");
    assertThat(v.getAttribute("maxWidth")).isEqualTo("1920");
    assertThat(v.getAttribute("maxHeight")).isEqualTo("1080");
    assertThat(v.getAttribute("maxFrameRate")).isEqualTo("60000/1001");
    List<Element> reps = children(v, "Representation");
    assertThat(reps).extracting(r -> r.getAttribute("id")).containsExactly("360p", "720p", "1080p");
    for (int i = 0; i < reps.size(); i++) {
      PackagedRendition r = video.video().get(i);
      Element rep = reps.get(i);
      assertThat(rep.getAttribute("bandwidth")).isEqualTo(Long.toString(r.bandwidthBps()));
      assertThat(rep.getAttribute("width")).isEqualTo(Integer.toString(r.width()));
      assertThat(rep.getAttribute("height")).isEqualTo(Integer.toString(r.height()));
      assertThat(rep.getAttribute("codecs")).isEqualTo(r.codecs());
      assertThat(rep.getAttribute("frameRate")).isEqualTo(i == 2 ? "60000/1001" : "30000/1001");
      Element template = children(rep, "SegmentTemplate").get(0);
      assertThat(template.getAttribute("initialization")).isEqualTo(r.name() + "/init.mp4");
      assertThat(template.getAttribute("media")).isEqualTo(r.name() + "/seg_$Number%05d$.m4s");
      assertThat(template.getAttribute("startNumber")).isEqualTo("0");
      assertThat(template.getAttribute("timescale")).isEqualTo("1000");
    }

    Element a = sets.get(1);
    assertThat(a.getAttribute("contentType")).isEqualTo("audio");
    assertThat(a.getAttribute("mimeType")).isEqualTo("audio/mp4");
    assertThat(a.getAttribute("lang")).isEqualTo("und");
    Element audio = children(a, "Representation").get(0);
    assertThat(audio.getAttribute("id")).isEqualTo("audio");
    assertThat(audio.getAttribute("bandwidth")).isEqualTo("131072");
    assertThat(audio.getAttribute("codecs")).isEqualTo("mp4a.40.2");
    assertThat(audio.getAttribute("audioSamplingRate")).isEqualTo("48000");
    Element channels = children(audio, "AudioChannelConfiguration").get(0);
    assertThat(channels.getAttribute("schemeIdUri"))
        .isEqualTo("urn:mpeg:dash:23003:3:audio_channel_configuration:2011");
    assertThat(channels.getAttribute("value")).isEqualTo("2");
    assertThat(children(audio, "SegmentTemplate").get(0).getAttribute("media"))
        .isEqualTo("audio/seg_$Number%05d$.m4s");
  }

  @ParameterizedTest
  @MethodSource("videos")
  void everyRungIsListedAndEachTimelineSumsToItsRenditionDuration(PackagedVideo video) {
    Document doc = MpdSchema.parse(writer.master(video).content());
    assertThat(elements(doc, "Representation")).extracting(r -> r.getAttribute("id"))
        .containsExactlyElementsOf(video.renditions().stream().map(PackagedRendition::name).toList());
    for (PackagedRendition r : video.renditions()) {
      Element template = children(representation(doc, r.name()), "SegmentTemplate").get(0);
      long timescale = Long.parseLong(template.getAttribute("timescale"));
      long ticks = 0;
      int count = 0;
      for (Element s : children(template, "S")) {
        int repeat = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
        ticks += Long.parseLong(s.getAttribute("d")) * (repeat + 1);
        count += repeat + 1;
      }
      assertThat(ticks * 1000 / timescale).as(r.name()).isEqualTo(Math.round(r.durationSeconds() * 1000));
      assertThat(count).as(r.name()).isEqualTo(r.segments().size());
      assertThat(children(template, "S").get(0).getAttribute("t")).isEqualTo("0");
    }
  }

  @Test
  void runsOfEqualDurationsAreCompressedWithR() {
    Document doc = MpdSchema.parse(writer.master(Fixtures.noAudio()).content());
    List<Element> s = elements(doc, "S");
    assertThat(s).singleElement().satisfies(e -> {
      assertThat(e.getAttribute("d")).isEqualTo("4000");
      assertThat(e.getAttribute("r")).isEqualTo("4");
    });

    assertThat(SegmentTimeline.of(segments(4, 4, 3, 4, 4, 1.5), 1000).runs()).containsExactly(
        new SegmentTimeline.Run(4000, 1), new SegmentTimeline.Run(3000, 0),
        new SegmentTimeline.Run(4000, 1), new SegmentTimeline.Run(1500, 0));
  }

  @Test
  void roundingDoesNotAccumulateOverManySegments() {
    double third = 10.0 / 3;
    double[] durations = new double[300];
    java.util.Arrays.fill(durations, third);
    SegmentTimeline t = SegmentTimeline.of(segments(durations), 1000);
    assertThat(t.totalTicks()).isEqualTo(1_000_000);
    assertThat(t.segmentCount()).isEqualTo(300);
    assertThat(t.runs()).allSatisfy(r -> assertThat(r.duration()).isBetween(3333L, 3334L));
  }

  @Test
  void frameRatesAreSchemaFractions() {
    assertThat(DashValues.frameRate(25)).isEqualTo("25");
    assertThat(DashValues.frameRate(30)).isEqualTo("30");
    assertThat(DashValues.frameRate(29.97)).isEqualTo("30000/1001");
    assertThat(DashValues.frameRate(30000.0 / 1001)).isEqualTo("30000/1001");
    assertThat(DashValues.frameRate(23.976)).isEqualTo("24000/1001");
    assertThat(DashValues.frameRate(59.94)).isEqualTo("60000/1001");
    assertThat(DashValues.frameRate(12.5)).isEqualTo("25/2");
    assertThat(DashValues.frameRate(7.125)).isEqualTo("57/8");
    assertThat(DashValues.isoDuration(20)).isEqualTo("PT20.000S");
    assertThat(DashValues.isoDuration(3725.5)).isEqualTo("PT3725.500S");
  }

  @Test
  void namesAreEscapedAsXmlAndAsUris() throws SAXException {
    List<PackagedRendition> renditions = List.of(
        Fixtures.video("a&b<c>", 640, 360, 30, "avc1.42c01e", 1_000_000, segments(4.0, 2.0)));
    byte[] mpd = writer.master(new PackagedVideo("v", 6, 4, renditions)).content();
    MpdSchema.validate(mpd);
    Element rep = representation(MpdSchema.parse(mpd), "a&b<c>");
    assertThat(children(rep, "SegmentTemplate").get(0).getAttribute("media"))
        .isEqualTo("a%26b%3Cc%3E/seg_$Number%05d$.m4s");
  }

  @Test
  void segmentsTheTemplateCannotAddressAreRejected() {
    PackagedRendition r = new PackagedRendition("360p", PackagedRendition.Kind.VIDEO, 640, 360, 30,
        "avc1.42c01e", 800, 1, 1, 0, 0, "init.mp4",
        List.of(new io.vodkit.spi.Segment("seg_00000.m4s", 4, 1), new io.vodkit.spi.Segment("seg_2.m4s", 4, 1)));
    assertThatThrownBy(() -> writer.master(new PackagedVideo("v", 8, 4, List.of(r))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seg_2.m4s").hasMessageContaining("seg_00001.m4s");
  }

  @Test
  void aVideoWithoutVideoRenditionsIsRejected() {
    PackagedVideo audioOnly = new PackagedVideo("v", 4, 4, List.of(Fixtures.audio(segments(4.0))));
    assertThatThrownBy(() -> writer.master(audioOnly)).isInstanceOf(IllegalArgumentException.class);
  }
}
