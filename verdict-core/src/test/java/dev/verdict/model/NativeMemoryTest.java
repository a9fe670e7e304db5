package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Thousands of train steps with one scope per step keep native memory flat (the heap is bounded by -Xmx). */
class NativeMemoryTest {

    @Test
    void twoThousandTrainStepsKeepResidentMemoryFlat() {
        Random r = new Random(5);
        ModelConfig c = TestModels.micro(DType.F32);
        ImageGrid grid = new ImageGrid(1, 4, 4);
        long[] ids = TestModels.promptWithImage(r, 3, grid.mergedTokens(2), 6);
        Tensor pixels = TestModels.pixels(r, grid, 1176);
        long[] targets = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            targets[i] = r.nextInt(c.text().vocabSize());
        }
        Tensor target = Tensors.ofLongs(targets, ids.length);
        try (QwenVL m = QwenVL.random(c, 12)) {
            m.requiresGrad(true);
            AdamW opt = new AdamW(Tensors.vector(new ArrayList<>(m.parameters().values())), new AdamWOptions(1e-3));
            ModelInput in = new ModelInput(new long[][] {ids}, null, pixels, List.of(grid));
            long afterWarmup = 0;
            double firstLoss = 0;
            double lastLoss = 0;
            for (int step = 0; step < 2000; step++) {
                try (Scope s = Scope.open()) {
                    opt.zero_grad();
                    Tensor logits = m.logits(m.hidden(in)).view(ids.length, -1);
                    Tensor loss = torch.cross_entropy(logits, target);
                    loss.backward();
                    torch.clip_grad_norm_(
                            Tensors.vector(new ArrayList<>(m.parameters().values())), 1.0);
                    opt.step();
                    lastLoss = Tensors.item(loss);
                    if (step == 0) {
                        firstLoss = lastLoss;
                    }
                }
                if (step == 200) {
                    afterWarmup = Pointer.physicalBytes();
                }
            }
            long growth = Pointer.physicalBytes() - afterWarmup;
            assertTrue(growth < 32L << 20, "resident memory grew by " + (growth >> 20) + " MB over 1,800 steps");
            assertTrue(lastLoss < firstLoss * 0.5, "the model did not fit its batch: " + firstLoss + " -> " + lastLoss);
        }
    }
}
