package dev.verdict.judge.prompt;

import dev.verdict.judge.PairExample;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ImagePosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The R1-Reward judge prompt (paper Table 1; {@code spec/r1-reward.md} §4.1), byte-exact from the resource
 * {@code r1-reward-prompt.txt}, and its rendering.
 *
 * <p>Rendering replaces the placeholders {@code {question}}, {@code {answer1}} and {@code {answer2}} of the
 * <em>template</em> in one left-to-right pass, as Python's {@code str.format} does: text that comes from the
 * question or the responses is never scanned again, so a response containing {@code {answer2}} or
 * {@code <answer>2</answer>} is inserted verbatim and cannot change the rest of the prompt.
 */
public final class R1RewardPrompt {
    /** Resource path of the template, relative to this class. */
    public static final String RESOURCE = "r1-reward-prompt.txt";

    private static final List<String> PLACEHOLDERS = List.of("{question}", "{answer1}", "{answer2}");
    private static final String TEMPLATE = load();

    private R1RewardPrompt() {}

    /** The raw template with its placeholders (717 bytes of UTF-8, no trailing newline). */
    public static String template() {
        return TEMPLATE;
    }

    /** The prompt text for one pair, responses in the given order. */
    public static String render(String question, String answer1, String answer2) {
        return fill(TEMPLATE, question, answer1, answer2);
    }

    /**
     * The template's input section alone, "###### [Question]:" up to the output format heading: the question and
     * the two responses under the template's own headings, without the instructions (about 60 tokens instead of
     * about 230 of the synthetic world's tokenizer). For small models trained from scratch; a released checkpoint
     * expects the whole template.
     */
    public static String inputSection() {
        return TEMPLATE.substring(TEMPLATE.indexOf("###### [Question]"), TEMPLATE.indexOf("###### **Output"));
    }

    /** {@code template}'s placeholders replaced in one left-to-right pass (inserted text is never rescanned). */
    static String fill(String template, String question, String answer1, String answer2) {
        StringBuilder out =
                new StringBuilder(template.length() + question.length() + answer1.length() + answer2.length());
        int i = 0;
        while (i < template.length()) {
            int next = -1;
            String found = null;
            for (String p : PLACEHOLDERS) {
                int at = template.indexOf(p, i);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    found = p;
                }
            }
            if (found == null) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, next);
            out.append(
                    switch (found) {
                        case "{question}" -> question;
                        case "{answer1}" -> answer1;
                        default -> answer2;
                    });
            i = next + found.length();
        }
        return out.toString();
    }

    /**
     * Recovers (question, answer1, answer2) from a rendered prompt, or empty when {@code text} is not this
     * template. The question ends at the first "Response 1" heading and answer2 starts after the last "Response
     * 2" heading, so only a question or answer1 containing those exact headings is split wrongly.
     */
    public static Optional<List<String>> unrender(String text) {
        int q = TEMPLATE.indexOf("{question}");
        int a1 = TEMPLATE.indexOf("{answer1}");
        int a2 = TEMPLATE.indexOf("{answer2}");
        String head = TEMPLATE.substring(0, q);
        String mid1 = TEMPLATE.substring(q + "{question}".length(), a1);
        String mid2 = TEMPLATE.substring(a1 + "{answer1}".length(), a2);
        String tail = TEMPLATE.substring(a2 + "{answer2}".length());
        if (!text.startsWith(head) || !text.endsWith(tail) || text.length() < head.length() + tail.length()) {
            return Optional.empty();
        }
        String body = text.substring(head.length(), text.length() - tail.length());
        int m1 = body.indexOf(mid1);
        int m2 = body.lastIndexOf(mid2);
        if (m1 < 0 || m2 < 0 || m2 < m1 + mid1.length()) {
            return Optional.empty();
        }
        return Optional.of(List.of(
                body.substring(0, m1), body.substring(m1 + mid1.length(), m2), body.substring(m2 + mid2.length())));
    }

    /** The prompt text for {@code pair} as presented (response1 first). */
    public static String render(PairExample pair) {
        return render(pair.question(), pair.response1(), pair.response2());
    }

    /**
     * The single user turn for {@code pair}: one image slot per image, before the prompt text (the order of the
     * R1-Reward inference scripts and README) or after it (its RL training data).
     */
    public static ChatMessage userMessage(PairExample pair, ImagePosition position) {
        return ChatMessage.userWithImages(pair.images().size(), render(pair), position);
    }

    private static String load() {
        try (InputStream in = R1RewardPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/verdict/judge/" + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
