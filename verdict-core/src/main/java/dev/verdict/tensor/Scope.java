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

    /** Detaches {@code p} from this scope (and any enclosing one) so closing does not free it. */
    public <P extends Pointer> P keep(P p) {
        scope.detach(p);
        for (var it = PointerScope.getScopeIterator(); it != null && it.hasNext(); ) {
            it.next().detach(p);
        }
        return p;
    }

    @Override
    public void close() {
        scope.close();
    }
}
