/** The HTTP reward server: judge, get_reward, chat completions, ranking and metrics over one batched model. */
package dev.verdict.serve;
