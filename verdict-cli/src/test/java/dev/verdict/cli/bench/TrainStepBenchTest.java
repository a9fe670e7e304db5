package dev.verdict.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.DType;
import org.junit.jupiter.api.Test;

/** The train-step benchmark runs the SFT trainer's own steps on items of the asked length. */
class TrainStepBenchTest {
    @Test
    void timesTheTrainersStepsOnSequencesOfTheAskedLength() {
        TrainStepBench.Result r = TrainStepBench.run("tiny", DType.F32, 2, 64, 1, 1);
        assertTrue(r.seconds() > 0 && Double.isFinite(r.seconds()), "seconds " + r.seconds());
        assertTrue(Math.abs(r.sequence() - 64) <= 8, "the trainer read about 64 tokens per sequence: " + r.sequence());
        assertTrue(r.tokensPerSecond() > 0 && r.flopsPerSecond() > 0, r.toString());
    }
}
