package dev.verdict.train.dist;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.StringVector;

/**
 * Each rank's last collective, kept in the rendezvous store ({@code verdict/arrival/<rank>} = "op\tstage"), so
 * that a rank whose collective fails can say which peers never arrived and where they were last seen. One store
 * write per collective (a round trip to rank 0); the reads happen only after a failure.
 */
final class ArrivalBoard {
    /**
     * Where one rank was last seen.
     *
     * @param rank the rank
     * @param op sequence number of its last collective (0 = joined, -1 = never seen)
     * @param stage the stage string of that collective
     */
    record Arrival(int rank, long op, String stage) {}

    private final Store store;
    private final int rank;
    private final int worldSize;

    ArrivalBoard(Store store, int rank, int worldSize) {
        this.store = store;
        this.rank = rank;
        this.worldSize = worldSize;
    }

    /** Records that this rank entered collective number {@code op}. */
    void arrive(long op, String stage) {
        store.set(key(rank), op + "\t" + stage);
    }

    /** Every other rank's last arrival (op -1 when it never wrote one). Throws when the store is unreachable. */
    List<Arrival> others() {
        List<Arrival> out = new ArrayList<>();
        for (int r = 0; r < worldSize; r++) {
            if (r == rank) {
                continue;
            }
            String k = key(r);
            if (!store.check(new StringVector(k))) {
                out.add(new Arrival(r, -1, "(never joined)"));
                continue;
            }
            String v = store.get_to_str(k);
            int tab = v.indexOf('\t');
            out.add(new Arrival(r, Long.parseLong(v.substring(0, tab)), v.substring(tab + 1)));
        }
        return out;
    }

    private static String key(int r) {
        return "verdict/arrival/" + r;
    }
}
