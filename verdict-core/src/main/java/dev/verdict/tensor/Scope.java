package dev.verdict.tensor;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Frees every native object (tensors, scalars, option structs) created while it is open, when closed. Use
 * one per training or decoding step; {@link #keep} a tensor that must outlive the step (parameters,
 * optimizer state and caches should be created outside any scope instead).
 */
public final class Scope implements AutoCloseable {
    private final PointerScope scope;

    private Scope() {
        this.scope = new PointerScope();
    }

    public static Scope open() {
        return new Scope();
    }

    /**
     * Keeps {@code p} alive after the scopes open now are closed: it takes one more reference, so a closing scope
     * drops only its own. The caller owns {@code p} from then on ({@code p.deallocate()} frees it; otherwise the
     * garbage collector does). Detaching it from the scopes instead would release references it never took from
     * the enclosing ones and free it at once.
     */
    public static <P extends Pointer> P keep(P p) {
        p.retainReference();
        return p;
    }

    @Override
    public void close() {
        scope.close();
    }
}
