/**
 * The verdict command line: one picocli command per job, the options they share (mixins), and the error handler
 * that turns exceptions into one-line messages.
 */
package dev.verdict.cli;
