/**
 * ABR rules behind {@link io.vodkit.abr.AbrRule}: the spec's reference throughput rule, dash.js's
 * throughput rule, buffer-based BBA-0, BOLA-E as in dash.js (with its insufficient-buffer
 * companion), dash.js's DYNAMIC switch between them, MPC / robust MPC and vodkit's hybrid. Each
 * class cites its source; every constant is a named, configurable default.
 */
package io.vodkit.abr.rules;
