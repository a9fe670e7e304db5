package dev.verdict.train.reward;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The text-only prompt of the LLM consistency judge and the reading of its reply, following the semantics of the
 * R1-Reward reward server ({@code spec/r1-reward.md} §3.4); the wording is verdict's own.
 *
 * <p>Inputs, built from the policy output only (the question, the image and the candidates are not shown):
 *
 * <ul>
 *   <li>the <b>answer</b>: the content of the first {@code <answer>…</answer>}, trimmed: {@code 1} → "Response 1
 *       is better", {@code 2} → "Response 2 is better", any other integer → "The two responses are equally good",
 *       other text as it is; without an answer tag, the whole output;
 *   <li>the <b>reasoning</b>: the text before the first {@code <answer>} (the whole output if none), its last 3
 *       lines joined with "; " (it may still hold {@code <think>} tags).
 * </ul>
 *
 * <p>Reply: the literal {@code output:} is removed and the rest trimmed; exactly {@code 1} → CONSISTENT, exactly
 * {@code 0} → INCONSISTENT; else containing a 0 → INCONSISTENT; else containing a 1 → CONSISTENT; else the reply
 * is unreadable (the caller asks again, and after the last attempt the finding is UNDETERMINED). Departure from
 * the reference: the prompt asks for a single digit (that rule is commented out there); the reply parsing is
 * identical.
 */
public final class ConsistencyPrompt {
    static final int TAIL_LINES = 3;
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";

    private ConsistencyPrompt() {}

    /** The prompt for one policy output. */
    public static String render(String response) {
        String text = response == null ? "" : response;
        return """
                You are a strict checker with a single job: decide whether a model's reasoning agrees exactly \
                with the final answer the model gave.
                Reply 1 if the reasoning and the final answer say the same thing.
                Reply 0 if they do not agree, in particular when:
                - the reasoning ends without a clear choice between the two responses;
                - the reasoning favours the response opposite to the one the final answer names;
                - the reasoning rates both responses as equally good.
                Reply with the single digit only.

                ========== Model's reasoning ==========
                %s
                ========== Model's final answer ==========
                %s
                Output:""".formatted(reasoningTail(text), answerText(text));
    }

    /** The final answer as a sentence (see the class comment). */
    static String answerText(String text) {
        int open = text.indexOf(ANSWER_OPEN);
        if (open < 0) {
            return text.strip();
        }
        int close = text.indexOf(ANSWER_CLOSE, open + ANSWER_OPEN.length());
        String content = (close < 0
                        ? text.substring(open + ANSWER_OPEN.length())
                        : text.substring(open + ANSWER_OPEN.length(), close))
                .strip();
        if (content.matches("[+-]?\\d+")) {
            return switch (content.replaceFirst("^\\+", "")) {
                case "1" -> "Response 1 is better";
                case "2" -> "Response 2 is better";
                default -> "The two responses are equally good";
            };
        }
        return content;
    }

    /** The last lines of the text before the first answer tag, joined with "; ". */
    static String reasoningTail(String text) {
        int open = text.indexOf(ANSWER_OPEN);
        String before = open < 0 ? text : text.substring(0, open);
        List<String> lines = Arrays.asList(before.split("\n", -1));
        return String.join("; ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** The finding a reply states, or empty when it is unreadable. */
    public static Optional<Consistency> parseReply(String reply) {
        String r = (reply == null ? "" : reply).replace("output:", "").strip();
        if (r.equals("1")) {
            return Optional.of(Consistency.CONSISTENT);
        }
        if (r.equals("0") || r.contains("0")) {
            return Optional.of(Consistency.INCONSISTENT);
        }
        if (r.contains("1")) {
            return Optional.of(Consistency.CONSISTENT);
        }
        return Optional.empty();
    }
}
