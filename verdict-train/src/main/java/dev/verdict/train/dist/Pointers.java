package dev.verdict.train.dist;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps long-lived native objects (store, process group, bucket buffers) alive through any step scope that is
 * open when they are made: one extra reference, so closing that scope does not free them; {@link #free} frees
 * them. (Detaching from every open scope would release references the object never took from the outer ones.)
 */
final class Pointers {
    private Pointers() {}

    static <P extends Pointer> P retain(P p) {
        p.retainReference();
        return p;
    }

    static void free(Pointer p) {
        p.deallocate();
    }
}
