package dev.verdict.generate;

import dev.verdict.config.With;
import java.util.List;

/**
 * How to pick each new token.
 *
 * @param maxNewTokens upper bound on generated tokens
 * @param temperature 0 for greedy decoding, else the softmax temperature
 * @param topP nucleus mass kept (1 = off)
 * @param topK most likely tokens kept (0 = off)
 * @param seed seeds this request's own random stream: the same seed gives the same text
 * @param stop strings that end generation (not included in the text)
 */
public record SamplingParams(int maxNewTokens, double temperature, double topP, int topK, long seed, List<String> stop)
        implements With<SamplingParams> {
    public SamplingParams {
        stop = List.copyOf(stop);
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("max new tokens must be >= 0, got " + maxNewTokens);
        }
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(maxNewTokens, 0, 1, 0, 0, List.of());
    }

    public static SamplingParams sample(int maxNewTokens, double temperature, long seed) {
        return new SamplingParams(maxNewTokens, temperature, 1, 0, seed, List.of());
    }

    public boolean greedy() {
        return temperature == 0;
    }
}
