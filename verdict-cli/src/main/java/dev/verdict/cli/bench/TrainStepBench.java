package dev.verdict.cli.bench;

import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelInput;
import dev.verdict.model.ParamSpec;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * One SFT step (forward, cross-entropy, backward, global grad clip, AdamW) on a text batch, reported as
 * tokens/s and model FLOP/s (PaLM accounting: 6 x matmul parameters + 12 x layers x width x sequence per
 * token).
 */
final class TrainStepBench {
    record Result(double seconds, double tokensPerSecond, double flopsPerSecond, long peakRss) {}

    private TrainStepBench() {}

    static double flopsPerToken(ModelConfig c, int seq) {
        long matmul = 0;
        for (ParamSpec p : ParamSpec.of(c)) {
            boolean textMatrix = p.name().startsWith("model.layers.") && p.shape().length == 2;
            if (textMatrix || p.name().equals("lm_head.weight")) {
                matmul += p.numel();
            }
        }
        if (c.text().tieWordEmbeddings()) {
            matmul += (long) c.text().vocabSize() * c.text().hiddenSize();
        }
        return 6.0 * matmul + 12.0 * c.text().numLayers() * c.text().hiddenSize() * seq;
    }

    static Result run(ModelConfig c, int batch, int seq, int warmup, int runs) {
        Random r = new Random(1);
        long[][] ids = new long[batch][seq];
        long[] targets = new long[batch * (seq - 1)];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < seq; s++) {
                ids[b][s] = 16 + r.nextInt(c.text().vocabSize() - 16);
            }
            for (int s = 0; s < seq - 1; s++) {
                targets[b * (seq - 1) + s] = ids[b][s + 1];
            }
        }
        try (QwenVL model = QwenVL.random(c, 1)) {
            model.requiresGrad(true);
            List<Tensor> params = new ArrayList<>(model.parameters().values());
            TensorVector pv = Tensors.vector(params);
            AdamW opt = new AdamW(pv, new AdamWOptions(1e-4));
            Tensor target = Tensors.ofLongs(targets, (long) batch * (seq - 1));
            ModelInput in = ModelInput.text(ids, null);
            Runnable step = () -> {
                try (Scope s = Scope.open()) {
                    opt.zero_grad();
                    Tensor h = model.hidden(in).narrow(1, 0, seq - 1);
                    Tensor logits = model.logits(h)
                            .reshape((long) batch * (seq - 1), -1)
                            .to(torch.ScalarType.Float);
                    torch.cross_entropy(logits, target).backward();
                    torch.clip_grad_norm_(pv, 1.0);
                    opt.step();
                }
            };
            Timing.resetPeak();
            double sec = Timing.median(warmup, runs, step);
            double tokens = (double) batch * seq;
            return new Result(sec, tokens / sec, tokens * flopsPerToken(c, seq) / sec, Timing.peakRss());
        }
    }
}
