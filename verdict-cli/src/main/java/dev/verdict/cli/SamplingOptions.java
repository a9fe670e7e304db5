package dev.verdict.cli;

import picocli.CommandLine.Option;

/** How a judge samples its judgments: {@code --temperature}, {@code --max-tokens}, {@code --seed}. */
final class SamplingOptions {
    @Option(
            names = "--temperature",
            description = "sampling temperature (default: 0, greedy, for one vote; 1.0 for several)")
    Double temperature;

    @Option(
            names = "--max-tokens",
            defaultValue = "1024",
            description = "most tokens per judgment (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    /** The temperature asked for, else greedy for one vote and 1.0 for several. */
    double temperature(int votes) {
        return temperature != null ? temperature : votes > 1 ? 1.0 : 0.0;
    }
}
