package dev.verdict.train.dist;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/** Keeps long-lived native objects (store, process group) out of any step scope that is open when they are made. */
final class Pointers {
    private Pointers() {}

    static <P extends Pointer> P retain(P p) {
        for (var it = PointerScope.getScopeIterator(); it != null && it.hasNext(); ) {
            it.next().detach(p);
        }
        return p;
    }
}
