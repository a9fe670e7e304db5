package dev.verdict.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.Choice;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verdict judge}: which of two responses is better, from a local model, an endpoint or a baseline. */
@Command(
        name = "judge",
        mixinStandardHelpOptions = true,
        description = "Judge one pair: an image, a question and two responses.")
final class JudgeCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    JudgeSourceOptions judgeSource = new JudgeSourceOptions();

    @Option(names = "--question", required = true, description = "the question asked about the image")
    String question;

    @Option(names = "--response1", required = true, description = "the first response")
    String response1;

    @Option(names = "--response2", required = true, description = "the second response")
    String response2;

    @Option(names = "--image", description = "an image file (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--votes", defaultValue = "1", description = "samples to vote over (default: ${DEFAULT-VALUE})")
    int votes;

    @Mixin
    SamplingOptions sampling = new SamplingOptions();

    @Option(
            names = "--order",
            defaultValue = "fixed",
            description = "fixed, swapped or random (default: ${DEFAULT-VALUE})")
    String order;

    @Option(names = "--json", description = "print the verdict as one JSON object")
    boolean json;

    @Option(
            names = "--text-only",
            description = "judge without images (a multimodal judge otherwise refuses a pair without one)")
    boolean textOnly;

    @Override
    public void run() {
        JudgeOptions opts = JudgeOptions.defaults()
                .with("votes", votes)
                .with("temperature", sampling.temperature(votes))
                .with("maxTokens", sampling.maxTokens)
                .with("seed", sampling.seed)
                .with("order", Order.valueOf(order.toUpperCase(Locale.ROOT)));
        List<ImageRef> refs = images.stream().map(ImageRef::path).toList();
        PairExample pair = new PairExample(
                "cli", "cli", refs, question, response1, response2, Preference.UNKNOWN, "", "", Map.of());
        if (refs.isEmpty() && !textOnly && !judgeSource.isBaseline()) {
            throw new IllegalArgumentException("no --image given; pass --text-only to judge the text alone");
        }
        try (PairJudge judge = judgeSource.open(textOnly)) {
            print(judge.judge(pair, opts));
        }
    }

    private void print(Verdict v) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode n = m.createObjectNode();
            n.put("choice", label(v.choice()));
            var votesNode = n.putArray("votes");
            v.votes().forEach(c -> votesNode.add(label(c)));
            n.put("probability_1", v.probability(Choice.ONE));
            n.put("probability_2", v.probability(Choice.TWO));
            n.put("reasoning", v.reasoning());
            n.put("judge", judgeSource.describe());
            out.println(n);
        } else {
            out.printf(
                    "choice: %s%nvotes: %s (P(1) = %.2f, P(2) = %.2f)%nreasoning: %s%n",
                    label(v.choice()),
                    v.votes().stream().map(JudgeCommand::label).toList(),
                    v.probability(Choice.ONE),
                    v.probability(Choice.TWO),
                    v.reasoning());
        }
        out.flush();
    }

    private static String label(Choice c) {
        return switch (c) {
            case ONE -> "1";
            case TWO -> "2";
            case INVALID -> "invalid";
        };
    }
}
