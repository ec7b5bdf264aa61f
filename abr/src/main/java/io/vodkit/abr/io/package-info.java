/**
 * Readers for the public ABR data formats: Pensieve's text traces and chunk-size files, Sabre's
 * JSON network traces and manifests, and a real encode's HLS playlists and segment files on local
 * disk ({@link io.vodkit.abr.io.HlsFormat}). Malformed input raises {@link
 * io.vodkit.abr.io.TraceFormatException} naming the file and line.
 */
package io.vodkit.abr.io;
