package io.vodkit.ffmpeg;

import io.vodkit.VodkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a {@link ThumbnailCommand} wrote into {@link Thumbnails}: keeps the most detailed
 * poster candidate as {@code thumb.jpg}, writes {@code storyboard.vtt}, checks every sheet is
 * there.
 *
 * <p>Detail is measured as JPEG size: at the same quality a JPEG grows with the picture's
 * high-frequency content, so a black, faded or blurred frame is the smallest. The candidates at
 * 10 %, 25 % and 50 % compete; the one at 0 s is used only when none of them produced a frame
 * (seeking failed).
 */
final class ThumbnailFiles {
  private ThumbnailFiles() {}

  static Thumbnails collect(ThumbnailCommand command, Path outDir) {
    try {
      Path poster = outDir.resolve(Thumbnails.POSTER);
      Path chosen = choose(command.candidates(), outDir);
      Files.move(chosen, poster, StandardCopyOption.REPLACE_EXISTING);
      for (String c : command.candidates()) {
        Files.deleteIfExists(outDir.resolve(c));
      }
      Storyboard board = command.storyboard();
      List<Path> sprites = new ArrayList<>();
      for (int i = 0; i < board.sheets(); i++) {
        Path sheet = outDir.resolve(Storyboard.sheetName(i));
        if (!Files.isRegularFile(sheet) || Files.size(sheet) == 0) {
          throw VodkitException.transcode("ffmpeg did not write storyboard sheet " + sheet.getFileName(), true, null);
        }
        sprites.add(sheet);
      }
      Path vtt = Files.writeString(outDir.resolve(Storyboard.VTT), board.vtt(), StandardCharsets.UTF_8);
      return new Thumbnails(
          poster, vtt, sprites, board.tileWidth(), board.tileHeight(), board.columns(), board.rows(), board.tiles(),
          board.intervalSeconds());
    } catch (IOException e) {
      throw VodkitException.transcode("cannot collect thumbnails in " + outDir + ": " + e, true, e);
    }
  }

  /** The largest of the preferred candidates, else the fallback (the last). */
  static Path choose(List<String> candidates, Path outDir) throws IOException {
    Path best = null;
    long bestSize = 0;
    for (String name : candidates.subList(0, candidates.size() - 1)) {
      Path p = outDir.resolve(name);
      long size = Files.isRegularFile(p) ? Files.size(p) : 0;
      if (size > bestSize) {
        best = p;
        bestSize = size;
      }
    }
    if (best != null) {
      return best;
    }
    Path fallback = outDir.resolve(candidates.get(candidates.size() - 1));
    if (Files.isRegularFile(fallback) && Files.size(fallback) > 0) {
      return fallback;
    }
    throw VodkitException.transcode("ffmpeg produced no poster frame", true, null);
  }
}
