package dev.verdict.cli.bench;

import dev.verdict.model.KvCache;
import dev.verdict.model.ModelInput;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;

/** Greedy KV-cached decoding speed: new tokens per second at a batch size, prefill excluded. */
final class DecodeBench {
    private DecodeBench() {}

    static double tokensPerSecond(QwenVL model, int batch, int prompt, int steps) {
        Random r = new Random(2);
        int vocab = model.config().text().vocabSize();
        long[][] ids = new long[batch][prompt];
        for (long[] row : ids) {
            for (int i = 0; i < prompt; i++) {
                row[i] = 16 + r.nextInt(vocab - 16);
            }
        }
        try (InferenceMode mode = new InferenceMode();
                KvCache cache = model.newCache(batch, prompt + steps + 1)) {
            ModelInput in = ModelInput.text(ids, null);
            long[] next = new long[batch];
            try (Scope s = Scope.open()) {
                model.step(
                        model.embed(in),
                        QwenVL.positionsTensor(model.ropeIndex(in).positions()),
                        null,
                        cache);
            }
            long start = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                try (Scope s = Scope.open()) {
                    long p = prompt + t;
                    long[] pos = new long[3 * batch];
                    Arrays.fill(pos, p);
                    Tensor h = model.step(
                            model.embedIds(Tensors.ofLongs(next, batch, 1)),
                            Tensors.ofLongs(pos, 3, batch, 1),
                            null,
                            cache);
                    Tensor logits = model.logits(h.squeeze(1));
                    long[] arg = Tensors.toLongs(logits.argmax(new LongOptional(-1), false));
                    System.arraycopy(arg, 0, next, 0, batch);
                }
            }
            double sec = (System.nanoTime() - start) / 1e9;
            return batch * steps / sec;
        }
    }
}
