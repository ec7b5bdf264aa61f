package io.vodkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.VideoPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Test helpers: run {@code vodkit} in this JVM, open the pipeline it wrote to, hash files and objects. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** What one in-process run printed and returned. */
  record Run(int exitCode, String stdout, String stderr) {
    JsonNode json() throws IOException {
      return JSON.readTree(stdout);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = UploadMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The embedded pipeline on {@code data}, without workers, as the CLI opens it. */
  static VideoPipeline open(Path data) {
    return VideoPipeline.embeddedBuilder(data).workers(0).build();
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (DigestInputStream digest = new DigestInputStream(in, md)) {
      digest.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The source object of {@code videoId}'s SHA-256, read back from storage. */
  static String storedSha256(VideoPipeline vodkit, String videoId) throws IOException {
    try (InputStream in = vodkit.storage().open(VideoPipeline.sourceKey(videoId))) {
      return sha256(in);
    }
  }
}
