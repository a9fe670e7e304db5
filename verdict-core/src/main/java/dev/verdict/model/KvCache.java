package dev.verdict.model;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * Post-rotary keys and values of every decoder layer, preallocated for {@code capacity} positions so a
 * decode step writes in place instead of concatenating. Create it outside any per-step scope and close it
 * when the generation ends.
 */
public final class KvCache implements AutoCloseable {
    private final Tensor[] keys; // per layer [B, kvHeads, capacity, headDim]
    private final Tensor[] values; // per layer [B, kvHeads, capacity, headDim]
    private final int capacity;
    private int length;

    public KvCache(TextConfig c, int batch, int capacity, DType dtype, Device device) {
        this.capacity = capacity;
        this.keys = new Tensor[c.numLayers()];
        this.values = new Tensor[c.numLayers()];
        for (int l = 0; l < c.numLayers(); l++) {
            keys[l] = Tensors.empty(dtype, device, batch, c.numKvHeads(), capacity, c.headDim());
            values[l] = Tensors.empty(dtype, device, batch, c.numKvHeads(), capacity, c.headDim());
        }
    }

    /** Positions already cached. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Writes this step's keys and values of {@code layer} after the cached ones and returns all of them.
     *
     * @param k [B, kvHeads, S, headDim]
     * @param v [B, kvHeads, S, headDim]
     * @return keys and values [B, kvHeads, length + S, headDim]
     */
    Tensor[] append(int layer, Tensor k, Tensor v) {
        long s = k.size(2);
        if (length + s > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + s + " > " + capacity);
        }
        keys[layer].narrow(2, length, s).copy_(k);
        values[layer].narrow(2, length, s).copy_(v);
        return new Tensor[] {keys[layer].narrow(2, 0, length + s), values[layer].narrow(2, 0, length + s)};
    }

    /** Marks {@code s} more positions as cached (after every layer has appended them). */
    void advance(long s) {
        length += (int) s;
    }

    /** Keeps only the batch rows in {@code rows} (e.g. to drop finished sequences). */
    public void selectRows(Tensor rows) {
        for (int l = 0; l < keys.length; l++) {
            Tensor k = keys[l].index_select(0, rows);
            Tensor v = values[l].index_select(0, rows);
            keys[l].close();
            values[l].close();
            keys[l] = k;
            values[l] = v;
        }
    }

    @Override
    public void close() {
        for (int l = 0; l < keys.length; l++) {
            keys[l].close();
            values[l].close();
        }
    }
}
