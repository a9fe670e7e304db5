/**
 * How a run ends early and cleanly: a stop asked for by SIGINT or SIGTERM is noticed at the next safe point (a
 * training step boundary, a generated token) instead of letting the JVM exit while the main thread is inside
 * libtorch, whose static destructors then crash the process.
 */
package dev.verdict.lifecycle;
