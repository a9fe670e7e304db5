package dev.verdict.judge;

/**
 * Reads the choice from an R1-Reward judge output.
 *
 * <p><b>Strict format</b> (mirrors the reference format reward, {@code spec/r1-reward.md} §3.2): after removing
 * leading and trailing whitespace, the text must start with {@code <think>}, contain exactly one each of
 * {@code <think>}, {@code </think>}, {@code <answer>} and {@code </answer>}, have {@code <answer>} immediately
 * after {@code </think>} (no whitespace, no newline, as the reference regex {@code
 * ^<think>.*?</think><answer>.*?</answer>$} demands), and end with {@code </answer>}. The answer content,
 * trimmed of whitespace (the reference accuracy check trims it), must be exactly the ASCII digit {@code 1} or
 * {@code 2}. Tags are case-sensitive. So {@code <think>x</think> <answer>2</answer>} (space before the answer,
 * as some paper examples show) is not format-valid, while {@code <answer> 2 </answer>} is.
 *
 * <p><b>Fallbacks</b> for format-invalid text, each switchable through {@link ParserOptions}: first
 * {@code <answer>1|2</answer>} anywhere, then the last ASCII 1/2 in the text. Anything else is {@link
 * Choice#INVALID}. The parser runs in linear time in the text length.
 */
public final class VerdictParser {
    static final String THINK_OPEN = "<think>";
    static final String THINK_CLOSE = "</think>";
    static final String ANSWER_OPEN = "<answer>";
    static final String ANSWER_CLOSE = "</answer>";

    private VerdictParser() {}

    /** Parses with {@link ParserOptions#DEFAULT}. */
    public static ParsedOutput parse(String text) {
        return parse(text, ParserOptions.DEFAULT);
    }

    /** Parses {@code text}; never throws for any input (null is treated as empty). */
    public static ParsedOutput parse(String text, ParserOptions options) {
        String t = text == null ? "" : text.strip();
        ParsedOutput strict = strict(t);
        if (strict != null) {
            return strict;
        }
        String reasoning = firstThink(t);
        if (options.answerTagFallback()) {
            Choice c = firstAnswerTag(t);
            if (c != Choice.INVALID) {
                return new ParsedOutput(c, false, reasoning, ParsedOutput.Extraction.ANSWER_TAG);
            }
        }
        if (options.lastDigitFallback()) {
            Choice c = lastDigit(t);
            if (c != Choice.INVALID) {
                return new ParsedOutput(c, false, reasoning, ParsedOutput.Extraction.LAST_DIGIT);
            }
        }
        return new ParsedOutput(Choice.INVALID, false, reasoning, ParsedOutput.Extraction.NONE);
    }

    /** Whether {@code text} passes the strict format (the format reward of RL training). */
    public static boolean isFormatValid(String text) {
        return strict(text == null ? "" : text.strip()) != null;
    }

    private static ParsedOutput strict(String t) {
        if (!t.startsWith(THINK_OPEN) || !t.endsWith(ANSWER_CLOSE)) {
            return null;
        }
        if (count(t, THINK_OPEN) != 1
                || count(t, THINK_CLOSE) != 1
                || count(t, ANSWER_OPEN) != 1
                || count(t, ANSWER_CLOSE) != 1) {
            return null;
        }
        int thinkClose = t.indexOf(THINK_CLOSE);
        int answerOpen = thinkClose + THINK_CLOSE.length();
        if (!t.startsWith(ANSWER_OPEN, answerOpen)) {
            return null;
        }
        String content = t.substring(answerOpen + ANSWER_OPEN.length(), t.length() - ANSWER_CLOSE.length());
        Choice c = digit(content.strip());
        if (c == Choice.INVALID) {
            return null;
        }
        return new ParsedOutput(c, true, t.substring(THINK_OPEN.length(), thinkClose), ParsedOutput.Extraction.STRICT);
    }

    private static Choice firstAnswerTag(String t) {
        int open = t.indexOf(ANSWER_OPEN);
        if (open < 0) {
            return Choice.INVALID;
        }
        int close = t.indexOf(ANSWER_CLOSE, open + ANSWER_OPEN.length());
        if (close < 0) {
            return Choice.INVALID;
        }
        return digit(t.substring(open + ANSWER_OPEN.length(), close).strip());
    }

    private static Choice lastDigit(String t) {
        for (int i = t.length() - 1; i >= 0; i--) {
            char ch = t.charAt(i);
            if (ch == '1') {
                return Choice.ONE;
            }
            if (ch == '2') {
                return Choice.TWO;
            }
        }
        return Choice.INVALID;
    }

    private static String firstThink(String t) {
        int open = t.indexOf(THINK_OPEN);
        if (open < 0) {
            return "";
        }
        int close = t.indexOf(THINK_CLOSE, open + THINK_OPEN.length());
        return close < 0 ? "" : t.substring(open + THINK_OPEN.length(), close);
    }

    private static Choice digit(String s) {
        return switch (s) {
            case "1" -> Choice.ONE;
            case "2" -> Choice.TWO;
            default -> Choice.INVALID;
        };
    }

    private static int count(String t, String tag) {
        int n = 0;
        for (int i = t.indexOf(tag); i >= 0; i = t.indexOf(tag, i + tag.length())) {
            n++;
        }
        return n;
    }
}
