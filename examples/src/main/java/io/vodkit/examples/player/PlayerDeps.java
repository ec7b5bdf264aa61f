package io.vodkit.examples.player;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the player page's libraries are: the npm packages {@code hls.js} and {@code dashjs},
 * installed by {@code scripts/setup.sh} ({@code npm ci} from the lock file checked in beside the
 * page) into {@code examples/target/player-deps}. Never fetched from a CDN.
 *
 * @param nodeModules the {@code node_modules} folder holding both packages
 */
public record PlayerDeps(Path nodeModules) {
  /** System property naming a {@code node_modules} folder to use instead of the default. */
  public static final String PROPERTY = "vodkit.player.deps";

  /** The hls.js build the page loads. */
  public Path hlsJs() {
    return nodeModules.resolve("hls.js/dist/hls.min.js");
  }

  /** The dash.js build the page loads (UMD, so it defines {@code window.dashjs}). */
  public Path dashJs() {
    return nodeModules.resolve("dashjs/dist/modern/umd/dash.all.min.js");
  }

  /** Whether both files are there. */
  public boolean isInstalled() {
    return Files.isRegularFile(hlsJs()) && Files.isRegularFile(dashJs());
  }

  /**
   * The installed libraries: the folder named by {@value #PROPERTY} if set, else {@code
   * target/player-deps/node_modules} under the current directory (the examples module, as in
   * its tests) or under {@code examples/} (the repository root); empty when none is installed.
   */
  public static Optional<PlayerDeps> find() {
    String configured = System.getProperty(PROPERTY);
    List<Path> candidates =
        configured != null
            ? List.of(Path.of(configured))
            : List.of(Path.of("target/player-deps/node_modules"), Path.of("examples/target/player-deps/node_modules"));
    return candidates.stream().map(p -> new PlayerDeps(p.toAbsolutePath())).filter(PlayerDeps::isInstalled).findFirst();
  }
}
