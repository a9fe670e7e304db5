package dev.verdict.train.rl;

import dev.verdict.generate.EncodedPrompt;
import dev.verdict.generate.Generation;
import dev.verdict.generate.GenerationRequest;
import dev.verdict.generate.ModelBundle;
import dev.verdict.generate.SamplingParams;
import dev.verdict.generate.Scorer;
import dev.verdict.judge.PairExample;
import dev.verdict.train.data.PairImages;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples the step's rollouts: each pair's R1-Reward prompt (with its images) is encoded once and {@code n}
 * responses are drawn from it at the configured temperature, all in one batched, KV-cached generation. Each
 * rollout has its own seed, derived from the run seed, the step and its global index, so a run is reproducible
 * and independent of how rollouts are split over ranks.
 */
public final class Rollouts {
    private Rollouts() {}

    /**
     * The rollouts of one step.
     *
     * @param pairs [B] the pair each rollout judged (a pair repeats n times, contiguously)
     * @param prompts [B] the encoded prompt of each rollout
     * @param actions [B] the sampled token ids, ending with the end-of-sequence token the policy drew when it
     *     drew one ({@code <|im_end|>} or {@code <|endoftext|>})
     * @param samplerLogProbs [B] per action token, the sampler's log-probability at the rollout temperature (what
     *     the old log-probs of the update must reproduce)
     * @param texts [B] the decoded responses
     * @param truncated [B] whether the response hit max_new_tokens
     */
    public record Batch(
            List<PairExample> pairs,
            List<EncodedPrompt> prompts,
            List<long[]> actions,
            List<float[]> samplerLogProbs,
            List<String> texts,
            boolean[] truncated) {
        public int size() {
            return pairs.size();
        }

        /** The scorer items (prompt + action) of the rollouts. */
        public List<Scorer.Item> items() {
            List<Scorer.Item> out = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                EncodedPrompt p = prompts.get(i);
                out.add(new Scorer.Item(p.ids(), actions.get(i), p.pixels(), p.grids()));
            }
            return out;
        }

        /** Total generated tokens. */
        public long tokens() {
            return actions.stream().mapToLong(a -> a.length).sum();
        }
    }

    /**
     * Samples {@code cfg.samplesPerPrompt()} responses for each pair.
     *
     * @param firstIndex global index of {@code pairs.get(0)} within the step (for the seeds)
     */
    public static Batch sample(
            ModelBundle policy, List<PairExample> pairs, RlConfig.Rollout cfg, long seed, long step, int firstIndex) {
        int n = cfg.samplesPerPrompt();
        List<PairExample> each = new ArrayList<>();
        List<EncodedPrompt> prompts = new ArrayList<>();
        List<GenerationRequest> requests = new ArrayList<>();
        long stepSeed = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L))
                .split()
                .nextLong();
        for (int i = 0; i < pairs.size(); i++) {
            PairExample pair = pairs.get(i);
            EncodedPrompt prompt = policy.encoder()
                    .encode(List.of(policy.promptLayout().userMessage(pair)), PairImages.decode(pair), true);
            for (int j = 0; j < n; j++) {
                long s = stepSeed + (long) (firstIndex + i) * n + j;
                requests.add(prompt.request(
                        new SamplingParams(cfg.maxNewTokens(), cfg.temperature(), cfg.topP(), 0, s, List.of())));
                each.add(pair);
                prompts.add(prompt);
            }
        }
        List<Generation> gens = policy.generator().generate(requests);
        List<long[]> actions = new ArrayList<>();
        List<float[]> logProbs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        boolean[] truncated = new boolean[gens.size()];
        for (int i = 0; i < gens.size(); i++) {
            Generation g = gens.get(i);
            actions.add(g.sampled());
            logProbs.add(g.logProbs());
            texts.add(g.text());
            truncated[i] = g.finish() == Generation.Finish.LENGTH;
        }
        return new Batch(each, prompts, actions, logProbs, texts, truncated);
    }
}
