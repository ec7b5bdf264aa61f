package io.vodkit.spi;

import io.vodkit.VideoPipeline;
import java.nio.file.Path;

/**
 * Supplies the parts behind {@code VideoPipeline.embedded(dir)}. Found with {@link
 * java.util.ServiceLoader}; the {@code vodkit-embedded} artifact provides one (filesystem storage
 * with a loopback upload endpoint, SQLite, local ffmpeg, HLS and DASH). Core itself depends on no
 * backend.
 */
public interface EmbeddedDefaults {
  /** Fills {@code builder} with parts that keep their data under {@code dataDir}. */
  VideoPipeline.Builder configure(VideoPipeline.Builder builder, Path dataDir);
}
