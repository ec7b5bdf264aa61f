/**
 * Abstract contract tests for vodkit SPIs. Extend one, implement its factory method, and run it
 * with JUnit 5 against your backend.
 */
package io.vodkit.testkit;
