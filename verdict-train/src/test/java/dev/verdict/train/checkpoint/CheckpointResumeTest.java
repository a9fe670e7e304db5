package dev.verdict.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.ModelInput;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import dev.verdict.train.optim.LrSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N steps straight equal N/2 steps, a checkpoint, a fresh process-like reload and N/2 more, bit for bit. */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    static final int STEPS = 8;
    static final LrSchedule SCHEDULE = new LrSchedule(2e-3, 2e-4, 2, STEPS);

    private static ModelInput batch(long step) {
        Random r = new Random(100 + step); // the data of step s depends only on s, like a seeded loader
        long[][] ids = new long[2][12];
        for (long[] row : ids) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 10 + r.nextInt(50);
            }
        }
        return ModelInput.text(ids, null);
    }

    private static AdamW optimizer(QwenVL m) {
        AdamWOptions o = new AdamWOptions(SCHEDULE.at(0));
        o.weight_decay().put(0.01);
        return new AdamW(Tensors.vector(new ArrayList<>(m.parameters().values())), o);
    }

    private static void train(QwenVL m, AdamW opt, long from, long to) {
        for (long step = from; step < to; step++) {
            try (Scope s = Scope.open()) {
                opt.param_groups().get(0).options().set_lr(SCHEDULE.at(step));
                opt.zero_grad();
                ModelInput in = batch(step);
                Tensor logits = m.logits(m.hidden(in))
                        .narrow(1, 0, 11)
                        .reshape(-1, m.config().text().vocabSize());
                long[] targets = new long[22];
                for (int b = 0; b < 2; b++) {
                    System.arraycopy(in.ids()[b], 1, targets, b * 11, 11);
                }
                torch.cross_entropy(logits, Tensors.ofLongs(targets, 22)).backward();
                opt.step();
            }
        }
    }

    @Test
    void resumeContinuesExactly() {
        ModelConfig c = Presets.get("tiny", 64, SpecialTokens.WORD_LEVEL);
        float[][] straight;
        try (QwenVL m = QwenVL.random(c, 9)) {
            m.requiresGrad(true);
            train(m, optimizer(m), 0, STEPS);
            straight = snapshot(m);
        }
        Path run = dir.resolve("run");
        try (QwenVL m = QwenVL.random(c, 9)) {
            m.requiresGrad(true);
            AdamW opt = optimizer(m);
            train(m, opt, 0, STEPS / 2);
            Checkpoints.save(run, m, opt, new TrainerState(STEPS / 2, 8, 0, 9, "cfg-1", Map.of("git", "abc")), null);
        }
        Path ckpt = Checkpoints.latest(run).orElseThrow();
        assertEquals("step-4", ckpt.getFileName().toString());
        TrainerState state = Checkpoints.state(ckpt);
        assertEquals(new TrainerState(4, 8, 0, 9, "cfg-1", Map.of("git", "abc")), state);
        try (QwenVL m = ModelFiles.load(ckpt)) {
            m.requiresGrad(true);
            AdamW opt = optimizer(m);
            Checkpoints.loadOptimizer(ckpt, opt);
            train(m, opt, state.step(), STEPS);
            float[][] resumed = snapshot(m);
            for (int i = 0; i < straight.length; i++) {
                assertArrayEquals(straight[i], resumed[i], "parameter " + i);
            }
        }
        assertFalse(Files.exists(run.resolve("checkpoints").resolve(".step-4.tmp")));
        assertTrue(Files.isRegularFile(ckpt.resolve("model.safetensors")));
    }

    private static float[][] snapshot(QwenVL m) {
        return m.parameters().values().stream().map(Tensors::toFloats).toArray(float[][]::new);
    }
}
