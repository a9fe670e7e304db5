package dev.verdict.serve;

import dev.verdict.generate.SamplingParams;
import dev.verdict.judge.Choice;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.SamplingJudge;
import dev.verdict.judge.TieRule;
import dev.verdict.judge.Verdict;
import dev.verdict.judge.Voting;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges pairs through the batcher with the R1-Reward prompt, parser and voting of {@link SamplingJudge}: one
 * order, or both orders at once with the votes pooled in the pair's own order.
 */
final class PairJudging {
    private final Completions completions;
    private final PromptLayout layout;

    PairJudging(Completions completions, PromptLayout layout) {
        this.completions = completions;
        this.layout = layout;
    }

    /**
     * One pair's judgment.
     *
     * @param verdicts one verdict per order judged (fixed then swapped when both)
     * @param choice the majority over all votes (a tie is INVALID)
     * @param votes every vote, in the pair's own order
     */
    record Judgment(List<Verdict> verdicts, Choice choice, List<Choice> votes) {
        double probability(Choice c) {
            return (double) votes.stream().filter(v -> v == c).count() / votes.size();
        }

        /** Both orders judged and both chose the same (valid) response. */
        boolean agreement() {
            return verdicts.size() == 2
                    && verdicts.get(0).choice() != Choice.INVALID
                    && verdicts.get(0).choice() == verdicts.get(1).choice();
        }

        /** Votes for response 1 over valid votes, 0.5 when no vote is valid. */
        double winProbability1() {
            long ones = votes.stream().filter(v -> v == Choice.ONE).count();
            long twos = votes.stream().filter(v -> v == Choice.TWO).count();
            return ones + twos == 0 ? 0.5 : (double) ones / (ones + twos);
        }

        double validRate() {
            return 1 - probability(Choice.INVALID);
        }
    }

    /** Judges {@code pair} shown with {@code images}; {@code bothOrders} overrides the options' order. */
    Judgment judge(PairExample pair, List<BufferedImage> images, JudgeOptions options, boolean bothOrders) {
        List<JudgeOptions> runs = bothOrders
                ? List.of(options.with("order", Order.FIXED), options.with("order", Order.SWAPPED))
                : List.of(options);
        BatchedJudge judge = new BatchedJudge(images);
        List<Verdict> verdicts = Parallel.map(runs, o -> judge.judge(pair, o));
        List<Choice> votes = new ArrayList<>();
        verdicts.forEach(v -> votes.addAll(v.votes()));
        return new Judgment(verdicts, Voting.decide(votes, TieRule.INVALID), votes);
    }

    /** A judge whose K samples are K prompts queued together on the batcher. */
    private final class BatchedJudge extends SamplingJudge {
        private final List<BufferedImage> images;

        BatchedJudge(List<BufferedImage> images) {
            this.images = images;
        }

        @Override
        public String name() {
            return "serve";
        }

        @Override
        protected List<String> sample(PairExample presented, JudgeOptions o) {
            ChatMessage user = layout.userMessage(presented, images.size());
            List<Engine.Prompt> prompts = new ArrayList<>(o.votes());
            for (int i = 0; i < o.votes(); i++) {
                SamplingParams p =
                        new SamplingParams(o.maxTokens(), o.temperature(), o.topP(), 0, o.seed() + i, List.of());
                prompts.add(new Engine.Prompt(List.of(user), images, p));
            }
            return completions.run(prompts).stream()
                    .map(Engine.Completion::text)
                    .toList();
        }
    }
}
