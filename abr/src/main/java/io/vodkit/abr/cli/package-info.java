/** The {@code abr-sim} command: rules × trace folders through the simulator, a table and plots. */
package io.vodkit.abr.cli;
