package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text-only ("blind") judges for the leak test: each sees the question and the two responses, never the image,
 * and returns 1, 2 or 0 (abstain, scored as half a point).
 */
final class BlindHeuristics {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern WORD = Pattern.compile("\\w+");

    private BlindHeuristics() {}

    /** A blind judge. */
    interface Heuristic {
        int pick(String question, String r1, String r2);
    }

    static Integer lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        Integer last = null;
        while (m.find()) {
            last = Integer.parseInt(m.group());
        }
        if (last == null && text.toLowerCase(Locale.ROOT).matches(".*\\bno\\b.*")) {
            return 0;
        }
        return last;
    }

    static final Heuristic FIRST = (q, a, b) -> 1;

    static final Heuristic LONGER =
            (q, a, b) -> Integer.compare(a.codePointCount(0, a.length()), b.codePointCount(0, b.length())) > 0
                    ? 1
                    : a.length() == b.length() ? 0 : 2;

    static final Heuristic SHORTER = (q, a, b) -> {
        int l = LONGER.pick(q, a, b);
        return l == 0 ? 0 : 3 - l;
    };

    static final Heuristic SMALLER_NUMBER = (q, a, b) -> {
        Integer x = lastNumber(a);
        Integer y = lastNumber(b);
        if (x == null || y == null || x.equals(y)) {
            return 0;
        }
        return x < y ? 1 : 2;
    };

    static final Heuristic LARGER_NUMBER = (q, a, b) -> {
        int s = SMALLER_NUMBER.pick(q, a, b);
        return s == 0 ? 0 : 3 - s;
    };

    static final Heuristic SAYS_YES = (q, a, b) -> {
        boolean x = a.startsWith("Yes");
        boolean y = b.startsWith("Yes");
        return x == y ? 0 : x ? 1 : 2;
    };

    /** The response sharing more words with the question (the value most frequent in the question). */
    static final Heuristic QUESTION_OVERLAP = (q, a, b) -> {
        Map<String, Integer> qw = counts(q);
        int x = overlap(qw, a);
        int y = overlap(qw, b);
        return x == y ? 0 : x > y ? 1 : 2;
    };

    static List<Heuristic> all() {
        return List.of(FIRST, LONGER, SHORTER, SMALLER_NUMBER, LARGER_NUMBER, SAYS_YES, QUESTION_OVERLAP);
    }

    static Map<String, Integer> counts(String text) {
        Map<String, Integer> m = new HashMap<>();
        Matcher w = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (w.find()) {
            m.merge(w.group(), 1, Integer::sum);
        }
        return m;
    }

    private static int overlap(Map<String, Integer> qw, String r) {
        int n = 0;
        for (Map.Entry<String, Integer> e : counts(r).entrySet()) {
            n += Math.min(e.getValue(), qw.getOrDefault(e.getKey(), 0));
        }
        return n;
    }

    /**
     * A learned blind judge: naive Bayes over the words (and word bigrams) of a response together with the
     * question's words, trained on right vs wrong responses of a separate split.
     */
    static final class NaiveBayes implements Heuristic {
        private final Map<String, double[]> counts = new HashMap<>();
        private final double[] totals = new double[2];

        void train(String question, String response, boolean right) {
            for (String f : features(question, response)) {
                counts.computeIfAbsent(f, k -> new double[2])[right ? 1 : 0]++;
                totals[right ? 1 : 0]++;
            }
        }

        double score(String question, String response) {
            double s = 0;
            for (String f : features(question, response)) {
                double[] c = counts.getOrDefault(f, new double[2]);
                s += Math.log((c[1] + 1) / (totals[1] + counts.size()))
                        - Math.log((c[0] + 1) / (totals[0] + counts.size()));
            }
            return s;
        }

        @Override
        public int pick(String question, String a, String b) {
            double x = score(question, a);
            double y = score(question, b);
            return Math.abs(x - y) < 1e-12 ? 0 : x > y ? 1 : 2;
        }

        private static List<String> features(String question, String response) {
            List<String> words = WORD.matcher(response.toLowerCase(Locale.ROOT))
                    .results()
                    .map(MatchResult::group)
                    .toList();
            List<String> out = new ArrayList<>(words);
            for (int i = 0; i + 1 < words.size(); i++) {
                out.add(words.get(i) + "_" + words.get(i + 1));
            }
            String qk = WORD.matcher(question.toLowerCase(Locale.ROOT))
                    .results()
                    .map(MatchResult::group)
                    .limit(3)
                    .reduce("", (x, y) -> x + y);
            for (String w : words) {
                out.add(qk + "|" + w);
            }
            return out;
        }
    }
}
