/** Access to the command tree from the commands inside it (see {@link dev.verdict.cli.tree.CommandTree}). */
package dev.verdict.cli.tree;
