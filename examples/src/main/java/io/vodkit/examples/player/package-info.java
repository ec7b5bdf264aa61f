/**
 * The example player page: {@link io.vodkit.examples.player.PlayerServer} serves it with its
 * vendored hls.js and dash.js ({@link io.vodkit.examples.player.PlayerDeps}) next to an origin;
 * {@link io.vodkit.examples.player.PlayerDemo} runs it all over an embedded pipeline.
 */
package io.vodkit.examples.player;
