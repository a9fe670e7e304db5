package dev.verdict.train.sft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two item sets as one, the second making up a fixed share of it: the first set's items come first, then the
 * second's repeated (or cut) to fill {@code share} of the whole. The data order's shuffle then mixes them, so a
 * batch holds about {@code share} items of the second set.
 */
public final class MixedItems implements SftItems {
    private final SftItems base;
    private final SftItems added;
    private final int size;

    private MixedItems(SftItems base, SftItems added, int size) {
        this.base = base;
        this.added = added;
        this.size = size;
    }

    /**
     * @param base the main items (all of them are kept)
     * @param added the items mixed in, cycled through
     * @param share the fraction of the result that comes from {@code added}, in [0, 1)
     */
    public static MixedItems of(SftItems base, SftItems added, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("the mixed-in share must be in [0, 1), got " + share);
        }
        if (share > 0 && added.size() == 0) {
            throw new IllegalArgumentException("nothing to mix in: " + added.files() + " has no items");
        }
        long extra = Math.round(base.size() * share / (1 - share));
        if (base.size() + extra > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the mixed set would exceed " + Integer.MAX_VALUE + " items");
        }
        return new MixedItems(base, added, (int) (base.size() + extra));
    }

    /** How many items come from the mixed-in set. */
    public int addedCount() {
        return size - base.size();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public SftExample example(int index) {
        return index < base.size() ? base.example(index) : added.example((index - base.size()) % added.size());
    }

    @Override
    public String id(int index) {
        return index < base.size() ? base.id(index) : added.id((index - base.size()) % added.size());
    }

    @Override
    public List<Path> files() {
        List<Path> all = new ArrayList<>(base.files());
        all.addAll(added.files());
        return List.copyOf(all);
    }
}
