/**
 * Player-side adaptive bitrate: bandwidth estimators, ABR rules and a trace-driven playback
 * simulator. Depends on nothing else of vodkit. Placeholder until its issue lands.
 */
package io.vodkit.abr;
