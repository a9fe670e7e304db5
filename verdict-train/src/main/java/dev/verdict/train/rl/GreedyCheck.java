package dev.verdict.train.rl;

import dev.verdict.generate.LocalJudge;
import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's greedy judgments of a fixed set of held-out pairs, taken during RL ({@code greedy_eval}). RL samples
 * at temperature 1, so its rewards describe the sampled judgments; the greedy ones that an evaluation uses can drift
 * apart (a quickstart run's RL judge looped to the token limit on half of the pairs while its samples stayed well
 * formed). Each pair is shown in one fixed, seeded order, the same at every check.
 */
final class GreedyCheck {
    private final List<PairExample> pairs;
    private final RlConfig.GreedyEval cfg;

    private GreedyCheck(List<PairExample> pairs, RlConfig.GreedyEval cfg) {
        this.pairs = pairs;
        this.cfg = cfg;
    }

    /** The configured check, or null when {@code greedy_eval.data} is empty. */
    static GreedyCheck of(RlConfig.GreedyEval cfg, long seed) {
        if (cfg.data().isEmpty()) {
            return null;
        }
        List<PairExample> all = TrainData.load(
                DataConfig.of(cfg.data()), p -> p.preferred() != Preference.UNKNOWN, "a label (preferred 1 or 2)");
        List<PairExample> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(cfg.pairs(), all.size()); i++) {
            shown.add(PairOrder.shown(all.get(i), true, seed, 0, i));
        }
        return new GreedyCheck(List.copyOf(shown), cfg);
    }

    /** Whether the check runs after step {@code step} (0-based) of {@code total}. */
    boolean due(long step, long total) {
        return (step + 1) % cfg.every() == 0 || step + 1 == total;
    }

    /**
     * Judges every pair greedily with {@code policy}.
     *
     * @return {@code greedy_accuracy} (an invalid judgment counts as wrong), {@code greedy_format} (share of
     *     well-formed judgments) and {@code greedy_tokens} (mean judgment length)
     */
    Map<String, Object> run(ModelBundle policy) {
        JudgeOptions opts = JudgeOptions.defaults().with("maxTokens", cfg.maxTokens());
        int correct = 0;
        int formatted = 0;
        long tokens = 0;
        try (LocalJudge judge = new LocalJudge(policy)) {
            for (PairExample p : pairs) {
                Verdict v = judge.judge(p, opts);
                correct += v.correct(p.preferred()) ? 1 : 0;
                formatted += v.samples().getFirst().formatValid() ? 1 : 0;
                tokens += policy.tokenizer().encode(v.raw()).length;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("greedy_accuracy", (double) correct / pairs.size());
        out.put("greedy_format", (double) formatted / pairs.size());
        out.put("greedy_tokens", (double) tokens / pairs.size());
        return out;
    }
}
