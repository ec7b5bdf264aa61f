package io.vodkit;

import java.util.List;

/**
 * One page of an owner's videos, newest first.
 *
 * @param videos at most the requested number of videos
 * @param nextCursor opaque cursor for the next page, or null when this is the last page
 */
public record VideoPage(List<Video> videos, String nextCursor) {
  /** The largest page {@link VideoPipeline#listVideos} returns. */
  public static final int MAX_LIMIT = 100;

  public VideoPage {
    videos = List.copyOf(videos);
  }
}
