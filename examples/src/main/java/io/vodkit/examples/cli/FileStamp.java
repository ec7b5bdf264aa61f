package io.vodkit.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What identifies a version of a local file cheaply, without reading it: its size and
 * modification time. A file whose stamp changed is not resumed.
 *
 * @param sizeBytes file length
 * @param modifiedMillis last modification, epoch milliseconds
 */
record FileStamp(long sizeBytes, long modifiedMillis) {
  static FileStamp of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileStamp(a.size(), a.lastModifiedTime().toMillis());
  }
}
