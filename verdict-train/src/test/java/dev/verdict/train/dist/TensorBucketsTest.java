package dev.verdict.train.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.algo.Advantages;
import dev.verdict.train.algo.WhiteningStats;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class TensorBucketsTest {
    @Test
    void bucketsRespectTheByteLimitAndNeverMixKinds() {
        long[] numels = {10, 10, 10, 100, 5, 5};
        long[] bytes = {4, 4, 4, 4, 4, 8};
        String[] kinds = {"f32", "f32", "f32", "f32", "f32", "f64"};
        List<TensorBuckets.Bucket> b = TensorBuckets.plan(numels, bytes, kinds, 80);
        assertEquals(
                List.of(
                        new TensorBuckets.Bucket(0, 2, 20),
                        new TensorBuckets.Bucket(2, 3, 10),
                        new TensorBuckets.Bucket(3, 4, 100),
                        new TensorBuckets.Bucket(4, 5, 5),
                        new TensorBuckets.Bucket(5, 6, 5)),
                b);
        assertEquals(List.of(), TensorBuckets.plan(new long[0], new long[0], new String[0], 80));
    }

    @Test
    void gradientsRoundTripAndAMissingGradientBecomesZeros() {
        try (Scope s = Scope.open()) {
            Tensor a = Tensors.of(new float[] {1, 2, 3, 4}, 2, 2).requires_grad_(true);
            Tensor b = Tensors.of(new float[] {5, 6, 7}, 3).requires_grad_(true);
            Tensor c = Tensors.of(new float[] {8}, 1).requires_grad_(true);
            a.mul(a).sum().add(c.mul(c).sum()).backward(); // b gets no gradient
            List<Tensor> params = List.of(a, b, c);
            TensorBuckets.Bucket all = TensorBuckets.plan(params, 1 << 20).getFirst();
            Tensor flat = Tensors.full(DType.F32, 99, 8); // stale values from an earlier step are overwritten
            TensorBuckets.packGrads(params, all, flat);
            assertArrayEquals(new float[] {2, 4, 6, 8, 0, 0, 0, 16}, Tensors.toFloats(flat));
            TensorBuckets.unflattenGrads(params, all, flat.mul(Tensors.scalar(0.5)));
            assertArrayEquals(new float[] {1, 2, 3, 4}, Tensors.toFloats(a.grad()));
            assertTrue(b.grad().defined());
            assertArrayEquals(new float[] {0, 0, 0}, Tensors.toFloats(b.grad()));
            assertArrayEquals(new long[] {3}, Tensors.shape(b.grad()));
            assertArrayEquals(new float[] {8}, Tensors.toFloats(c.grad()));
        }
    }

    @Test
    void statsReducerSumsTheStatisticsThroughTheCollective() {
        Collective twoRanks = new FakeTwoRanks();
        Advantages.StatsReducer reducer = Collectives.statsReducer(twoRanks);
        WhiteningStats global = reducer.reduce(new WhiteningStats(1.5, 4.0, 3));
        assertEquals(new WhiteningStats(3.0, 8.0, 6), global);
        assertEquals(Advantages.StatsReducer.LOCAL, Collectives.statsReducer(Collective.LOCAL));
        assertEquals(DType.F32, Tensors.dtype(Tensors.scalar(1)));
    }

    /** A world of two whose other rank always contributes the same values as this one. */
    private static final class FakeTwoRanks implements Collective {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 2;
        }

        @Override
        public double[] allReduceSum(double[] values, String stage) {
            double[] out = values.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2;
            }
            return out;
        }

        @Override
        public void averageGradients(List<Tensor> parameters, String stage) {}

        @Override
        public void broadcast(List<Tensor> tensors, String stage) {}

        @Override
        public void barrier(String stage) {}

        @Override
        public void close() {}
    }
}
