package dev.verdict.judge;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic per-item seeds: the same (seed, item id, purpose, index) gives the same 64-bit value on every
 * JVM and run, so seeded judgments and order flips are reproducible per item whatever the iteration order.
 */
public final class ItemSeeds {
    private ItemSeeds() {}

    /** A well-mixed seed for item {@code id}, a {@code purpose} label and a sample {@code index}. */
    public static long of(long seed, String id, String purpose, int index) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the UTF-8 bytes of id, a separator, purpose
        for (byte b : (id + '\u0000' + purpose).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(mix(h ^ seed) + index);
    }

    /** A fair coin for (seed, id, purpose). */
    public static boolean coin(long seed, String id, String purpose) {
        return (of(seed, id, purpose, 0) & 1L) == 1L;
    }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
