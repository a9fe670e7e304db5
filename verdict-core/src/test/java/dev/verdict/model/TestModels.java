package dev.verdict.model;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;

/** Small models and inputs for tests. Token ids follow the word-level layout (image pad = 6). */
final class TestModels {
    static final SpecialTokens IDS = new SpecialTokens(0, 1, 2, 3, 4, 6, 7);

    private TestModels() {}

    static ModelConfig tiny() {
        return Presets.get("tiny", 96, IDS);
    }

    /** Even smaller: 2 text layers, 2 vision blocks (one windowed, one full). */
    static ModelConfig micro(DType dtype) {
        return new ModelConfig(
                ModelConfig.QWEN2_5_VL,
                new TextConfig(64, 32, 48, 2, 4, 2, 1e-6, 10000, new int[] {1, 1, 2}, 512, false),
                new VisionConfig(2, 16, 24, 2, 3, 14, 2, 2, 56, 32, new int[] {1}, 2),
                IDS.imagePad(),
                IDS.videoPad(),
                IDS.visionStart(),
                IDS.visionEnd(),
                0,
                2,
                dtype);
    }

    /** A prompt: some text, an image slot of {@code tokens} pads, more text. */
    static long[] promptWithImage(Random r, int before, int tokens, int after) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            ids.add(10L + r.nextInt(50));
        }
        ids.add((long) IDS.visionStart());
        for (int i = 0; i < tokens; i++) {
            ids.add((long) IDS.imagePad());
        }
        ids.add((long) IDS.visionEnd());
        for (int i = 0; i < after; i++) {
            ids.add(10L + r.nextInt(50));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Random pixel rows for one image of {@code grid}: [patches, patchDim]. */
    static Tensor pixels(Random r, ImageGrid grid, int patchDim) {
        float[] v = new float[grid.patches() * patchDim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensors.of(v, grid.patches(), patchDim);
    }
}
