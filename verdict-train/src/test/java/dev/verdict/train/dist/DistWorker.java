package dev.verdict.train.dist;

import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelInput;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The child-JVM side of {@link GlooCollectiveTest}: one rank of a scenario, reading the torchrun variables.
 * Prints "key value" lines the test checks; exits 1 with "DistributedException: ..." when a collective fails.
 */
public final class DistWorker {
    private static final int BATCH = 4;
    private static final int SEQ = 12;

    private DistWorker() {}

    public static void main(String[] args) throws Exception {
        torch.set_num_threads(1);
        DistEnv env = DistEnv.fromEnvironment(System.getenv());
        DistOptions options = DistOptions.fromEnvironment(System.getenv());
        try (Collective c = Collectives.open(env, Device.CPU, options)) {
            switch (args[0]) {
                case "ops" -> ops(c);
                case "exit-early" -> exitEarly(c, Integer.parseInt(args[1]));
                case "stuck" -> stuck(c);
                default -> throw new IllegalArgumentException(args[0]);
            }
            c.barrier("end");
        } catch (DistributedException e) {
            System.out.println("DistributedException: " + e.getMessage());
            System.out.println("missing " + e.missingRanks());
            System.out.flush();
            System.exit(1);
        }
        System.out.println("done");
    }

    private static void ops(Collective c) {
        double[] sum = c.allReduceSum(new double[] {c.rank() + 1, 0.1 * (c.rank() + 1), 1e15 + c.rank()}, "sum");
        System.out.println("allreduce " + Arrays.toString(sum));
        try (Scope s = Scope.open()) {
            Tensor a = Tensors.full(DType.F32, c.rank() + 7, 2, 3);
            Tensor b = Tensors.full(DType.F64, c.rank() + 11, 5);
            c.broadcast(List.of(a, b), "broadcast");
            System.out.println("broadcast " + Tensors.item(a.mean()) + " " + Tensors.item(b.mean()));
        }
        c.barrier("barrier");
        System.out.println("barrier passed");
        averagedStepMatchesFullBatch(c);
    }

    /** Two half-batch gradients averaged across ranks + one optimizer step == one full-batch step. */
    private static void averagedStepMatchesFullBatch(Collective c) {
        // float64, so that the only difference between the two runs would be a wrong reduction, not rounding
        ModelConfig cfg = Presets.get("tiny", 64, SpecialTokens.WORD_LEVEL).with("dtype", DType.F64);
        long[][] ids = randomIds(new Random(5), cfg.text().vocabSize());
        try (QwenVL dist = QwenVL.random(cfg, 9);
                QwenVL single = QwenVL.random(cfg, 9)) {
            List<Tensor> pd = trainable(dist);
            List<Tensor> ps = trainable(single);
            AdamW optD = new AdamW(Tensors.vector(pd), new AdamWOptions(1e-3));
            AdamW optS = new AdamW(Tensors.vector(ps), new AdamWOptions(1e-3));
            int per = BATCH / c.worldSize();
            for (int step = 0; step < 2; step++) {
                try (Scope s = Scope.open()) {
                    optD.zero_grad();
                    meanLoss(dist, Arrays.copyOfRange(ids, c.rank() * per, (c.rank() + 1) * per))
                            .backward();
                    c.averageGradients(pd, "step " + step + ": gradient all-reduce");
                    optS.zero_grad();
                    meanLoss(single, ids).backward();
                    zeroMissingGrads(ps);
                    System.out.println("graddiff " + maxDiff(grads(pd), grads(ps)));
                    System.out.println("visualgrad " + visualGrad(dist));
                    sgd(pd, 0.5);
                    sgd(ps, 0.5);
                    optD.step();
                    optS.step();
                }
            }
            System.out.println("paramdiff " + maxDiff(pd, ps));
            double checksum =
                    pd.stream().mapToDouble(p -> Tensors.item(p.sum())).sum();
            double[] both = c.allReduceSum(new double[] {c.rank() == 0 ? checksum : -checksum}, "checksum");
            System.out.println("crossrank " + Math.abs(both[0]) + " of " + Math.abs(checksum));
        }
    }

    private static long[][] randomIds(Random r, int vocab) {
        long[][] ids = new long[BATCH][SEQ];
        for (long[] row : ids) {
            for (int s = 0; s < SEQ; s++) {
                row[s] = 8 + r.nextInt(vocab - 8);
            }
        }
        return ids;
    }

    /** Next-token cross-entropy, mean over the rows' tokens (every row has SEQ - 1 targets). */
    private static Tensor meanLoss(QwenVL m, long[][] rows) {
        long n = (long) rows.length * (SEQ - 1);
        long[] targets = new long[(int) n];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 1, targets, b * (SEQ - 1), SEQ - 1);
        }
        Tensor logits = m.logits(m.hidden(ModelInput.text(rows, null)).narrow(1, 0, SEQ - 1))
                .reshape(n, -1);
        return torch.cross_entropy(logits, Tensors.ofLongs(targets, n));
    }

    private static List<Tensor> trainable(QwenVL m) {
        m.requiresGrad(true);
        return new ArrayList<>(m.parameters().values());
    }

    /** "defined maxabs" of one vision parameter's gradient (a text-only batch leaves it undefined locally). */
    private static String visualGrad(QwenVL m) {
        Tensor g = m.parameters().get("visual.blocks.0.attn.qkv.weight").grad();
        return g.defined() + " " + (g.defined() ? Tensors.item(g.abs().max()) : Double.NaN);
    }

    private static List<Tensor> grads(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(p.grad().defined() ? p.grad() : torch.zeros_like(p));
        }
        return out;
    }

    /** What averageGradients does to a parameter nobody computed a gradient for (so AdamW decays it alike). */
    private static void zeroMissingGrads(List<Tensor> params) {
        for (Tensor p : params) {
            if (!p.grad().defined()) {
                p.mutable_grad().put(torch.zeros_like(p));
            }
        }
    }

    private static void sgd(List<Tensor> params, double lr) {
        try (NoGradGuard ng = new NoGradGuard()) {
            for (Tensor p : params) {
                if (p.grad().defined()) {
                    p.sub_(p.grad().mul(new Scalar(lr)));
                }
            }
        }
    }

    private static double maxDiff(List<Tensor> a, List<Tensor> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Tensors.item(a.get(i).sub(b.get(i)).abs().max()));
        }
        return max;
    }

    private static void exitEarly(Collective c, int quitter) {
        c.allReduceSum(new double[] {1}, "step 1: loss all-reduce");
        if (c.rank() == quitter) {
            System.out.println("rank " + quitter + " quits");
            System.out.flush();
            System.exit(3);
        }
        c.allReduceSum(new double[] {1}, "step 2: gradient all-reduce");
        System.out.println("unexpectedly passed");
    }

    private static void stuck(Collective c) throws InterruptedException {
        c.barrier("step 1: start");
        if (c.rank() == 1) {
            System.out.println("rank 1 stalls");
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(120));
        }
        c.barrier("step 2: after rollouts");
        System.out.println("unexpectedly passed");
    }
}
